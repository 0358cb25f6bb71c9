package nl.inzage.consent.inbound;

/** Messaging channel names of the inbound path, bound to topics in application.properties. */
public final class InboundChannels {

    /** Every {@code consent.inbound.<URA>} topic, by the pattern {@code Topics.CONSENT_INBOUND_PATTERN}. */
    public static final String CONSENT_INBOUND = "consent-inbound";
    /** {@code consent.inbound.results}: one result per input. */
    public static final String RESULTS = "consent-inbound-results";
    /** {@code consent.inbound.dlq}: inputs that are not a FHIR Consent at all. */
    public static final String DEAD_LETTERS = "consent-inbound-dlq";

    private InboundChannels() {
    }
}
