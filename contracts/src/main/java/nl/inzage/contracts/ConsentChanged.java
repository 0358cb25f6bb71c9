package nl.inzage.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Published on {@link Topics#CONSENT_EVENTS} after every committed change of a consent: the full
 * current state, never a diff. Carries the client's BSN because the gateway decides per client;
 * the Kafka key is the consent id, never the BSN.
 *
 * @param revision store-wide, gap-free and increasing in commit order: a consumer that has applied
 *                 revision r has applied every change up to r
 * @param status   FHIR Consent.status: active, inactive, rejected, proposed, draft, entered-in-error
 * @param origin   where the version came from: {@code source-system}, {@code client}, {@code mitz}, {@code migration}
 * @param resource the FHIR R4 Consent as JSON, as stored
 */
public record ConsentChanged(
        String eventId,
        String consentId,
        long version,
        long revision,
        Instant recordedAt,
        Actor actor,
        String origin,
        String status,
        String patientBsn,
        String custodianUra,
        List<ConsentRule> rules,
        String resource) {
}
