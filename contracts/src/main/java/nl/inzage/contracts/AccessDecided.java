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
        String sourceIp) {

    /** The person who asked: UZI, display name if known, role, organisation URA and type. */
    public record Practitioner(String uzi, String name, String role, String organization, String organizationType) {
    }
}
