package nl.inzage.relationship.rest;

import java.time.Instant;
import java.time.LocalDate;
import nl.inzage.relationship.RelationshipFacts;
import nl.inzage.relationship.StoredRelationship;

/** A stored relationship as the REST interface shows it; the store revision travels in a header. */
public record RelationshipJson(String id, int version, String patient, String organization, String organizationType,
        String practitioner, String kind, String status, LocalDate start, LocalDate end, String reason, Instant recordedAt) {

    static RelationshipJson of(StoredRelationship stored) {
        RelationshipFacts facts = stored.facts();
        return new RelationshipJson(stored.id(), stored.version(), facts.patientBsn(), facts.organizationUra(),
                facts.organizationType(), facts.practitioner(), facts.kind().code(), stored.status().code(),
                facts.start(), facts.end(), facts.reason(), stored.recordedAt());
    }
}
