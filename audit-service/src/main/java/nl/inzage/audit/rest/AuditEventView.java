package nl.inzage.audit.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import nl.inzage.audit.AuditRecord;
import nl.inzage.audit.StoredAuditRecord;

/**
 * One log entry as a privacy officer reads it. {@code event} is the AccessDecided event as the
 * gateway sent it (reasons, consents, purpose of use: the legal basis of the access).
 */
public record AuditEventView(
        long seq,
        String eventId,
        String eventType,
        Instant occurredAt,
        Instant recordedAt,
        String patientBsn,
        String practitionerUzi,
        String practitionerRole,
        String organizationUra,
        String dataHolderUra,
        String decision,
        boolean emergency,
        @JsonRawValue String event) {

    static AuditEventView of(StoredAuditRecord stored) {
        AuditRecord r = stored.record();
        return new AuditEventView(stored.seq(), r.eventId(), r.eventType(), r.occurredAt(), stored.recordedAt(),
                r.patientBsn(), r.practitionerUzi(), r.practitionerRole(), r.organizationUra(), r.dataHolderUra(),
                r.decision(), r.emergency(), r.payload());
    }
}
