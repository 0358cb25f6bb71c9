package nl.inzage.audit.rest;

import java.time.Instant;
import java.util.List;

/** One break-the-glass access as the privacy officer reviews it: who, whose data, when, and why. */
public record EmergencyAccessView(
        long seq,
        String eventId,
        Instant occurredAt,
        String patientBsn,
        String practitionerUzi,
        String practitionerName,
        String practitionerRole,
        String organizationUra,
        String dataHolderUra,
        String dataCategory,
        String decision,
        String purposeOfUse,
        String emergencyReason,
        List<String> reasons) {
}
