package nl.inzage.audit.replay;

import java.time.Instant;
import java.time.LocalDate;

/** One treatment relationship version of the requester's organisation, as in force at the event. */
public record RelationshipVersion(String relationshipId, long version, String kind, String status, LocalDate start,
        LocalDate end, Instant recordedAt, boolean activeThatDay) {
}
