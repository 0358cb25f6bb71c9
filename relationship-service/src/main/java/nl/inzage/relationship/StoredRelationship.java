package nl.inzage.relationship;

import java.time.Instant;

/** A relationship version as stored: its state, version, the store revision it produced and when. */
public record StoredRelationship(String id, int version, long revision, Instant recordedAt, RelationshipStatus status,
        RelationshipFacts facts) {
}
