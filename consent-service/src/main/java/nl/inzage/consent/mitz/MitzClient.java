package nl.inzage.consent.mitz;

import io.smallrye.mutiny.Uni;

/**
 * Everything the product asks of Mitz, behind one small interface. The implemented form is Mitz's
 * draft FHIR interface ({@link FhirMitzClient}); the closed question runs at Mitz today as XACML over
 * mutual TLS, which a production connection would implement here (README "Connecting to Mitz").
 * Every call fails with {@link MitzUnavailable} when Mitz cannot be reached in time or refuses.
 */
public interface MitzClient {

    /** What Mitz must be told; each is delivered through the Mitz outbox, never fire-and-forget. */
    enum Kind {
        /** a FHIR Subscription: register a client at a data holder (201, or 202 with the existing id) */
        SUBSCRIPTION("Subscription"),
        /** a FHIR Consent: the Dossierhoudersknop */
        CONSENT("Consent"),
        /** a FHIR AuditEvent: the use of a Mitz consent */
        USAGE("AuditEvent");

        final String resourceType;

        Kind(String resourceType) {
            this.resourceType = resourceType;
        }
    }

    /** Mitz's answer to the closed question. */
    enum Answer {
        PERMIT, DENY, NOT_APPLICABLE, INDETERMINATE
    }

    /** Sends one FHIR resource; completes when Mitz has taken it (2xx). */
    Uni<Void> send(Kind kind, String resourceJson);

    /** The closed question, a {@code Parameters} with the proposed Consent. */
    Uni<Answer> ask(String parametersJson);
}
