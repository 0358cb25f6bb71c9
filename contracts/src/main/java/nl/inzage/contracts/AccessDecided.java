package nl.inzage.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Published on {@link Topics#AUDIT_EVENTS} for every decision the gateway makes (permit and deny,
 * decision API and viewer): the NEN 7513 record of one access attempt.
 *
 * @param action        e.g. {@code read}
 * @param decision      {@code permit} or {@code deny}
 * @param reasons       machine-readable reason codes, e.g. {@code consent-permit}, {@code no-relationship}
 * @param purposeOfUse  {@code TREAT} or {@code ETREAT}
 * @param query         the FHIR query on the viewer path, else null
 * @param emergencyReason the practitioner's reason when this record is the grant of an emergency access (break-the-glass), else null
 */
public record AccessDecided(
        String eventId,
        Instant occurredAt,
        String requestId,
        Practitioner practitioner,
        String patientBsn,
        String dataHolder,
        String dataCategory,
        String query,
        String action,
        String decision,
        List<String> reasons,
        List<String> consentIds,
        List<String> relationshipIds,
        String purposeOfUse,
        boolean emergency,
        String sourceIp,
        String emergencyReason) {

    /** A record that is not an emergency-access grant (the fields before {@code emergencyReason} was added). */
    public AccessDecided(String eventId, Instant occurredAt, String requestId, Practitioner practitioner, String patientBsn,
            String dataHolder, String dataCategory, String query, String action, String decision, List<String> reasons,
            List<String> consentIds, List<String> relationshipIds, String purposeOfUse, boolean emergency, String sourceIp) {
        this(eventId, occurredAt, requestId, practitioner, patientBsn, dataHolder, dataCategory, query, action, decision, reasons,
                consentIds, relationshipIds, purposeOfUse, emergency, sourceIp, null);
    }

    /** The person who asked: UZI, display name if known, role, organisation URA and type. */
    public record Practitioner(String uzi, String name, String role, String organization, String organizationType) {
    }
}
