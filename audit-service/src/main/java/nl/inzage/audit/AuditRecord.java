package nl.inzage.audit;

import java.time.Instant;

/**
 * One access-log entry as it is stored: the columns the privacy officer filters on, taken from the
 * event, and the event itself exactly as received.
 */
public record AuditRecord(
        String eventId,
        String eventType,
        Instant occurredAt,
        String patientBsn,
        String practitionerUzi,
        String practitionerRole,
        String organizationUra,
        String dataHolderUra,
        String decision,
        boolean emergency,
        String payload) {
}
