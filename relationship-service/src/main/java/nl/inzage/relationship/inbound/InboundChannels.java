package nl.inzage.relationship.inbound;

/** Messaging channel names of the inbound path, bound to topics in application.properties. */
public final class InboundChannels {

    /** Every {@code relationship.inbound.<URA>} topic, by the pattern {@code Topics.RELATIONSHIP_INBOUND_PATTERN}. */
    public static final String RELATIONSHIP_INBOUND = "relationship-inbound";
    /** {@code relationship.inbound.results}: one result per input. */
    public static final String RESULTS = "relationship-inbound-results";
    /** {@code relationship.inbound.dlq}: inputs that are not a JSON object at all. */
    public static final String DEAD_LETTERS = "relationship-inbound-dlq";

    private InboundChannels() {
    }
}
