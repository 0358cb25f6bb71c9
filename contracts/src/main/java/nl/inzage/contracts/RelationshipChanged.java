package nl.inzage.contracts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Published on {@link Topics#RELATIONSHIP_EVENTS} after every committed change of a treatment
 * relationship: full state; key = relationship id.
 *
 * @param kind     treatment, referral, replacement or access-request
 * @param status   active or ended
 * @param revision store-wide, gap-free and increasing in commit order
 */
public record RelationshipChanged(
        String eventId,
        String relationshipId,
        long version,
        long revision,
        Instant recordedAt,
        Actor actor,
        String patientBsn,
        String organization,
        String organizationType,
        String practitioner,
        String kind,
        String status,
        LocalDate start,
        LocalDate end,
        String reason) {
}
