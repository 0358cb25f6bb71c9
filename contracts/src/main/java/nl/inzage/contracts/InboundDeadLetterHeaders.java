package nl.inzage.contracts;

/**
 * Headers added to a dead-lettered record of a {@code consent.inbound.<URA>} or
 * {@code relationship.inbound.<URA>} topic (one set for both services), next to its own headers:
 * why it was refused and where it came from, so it can be found, fixed and replayed.
 */
public final class InboundDeadLetterHeaders {

    /** {@code <code>: <detail>}, e.g. {@code not-json: the value is not one JSON document}. */
    public static final String REASON = "dlq-reason";
    public static final String TOPIC = "dlq-topic";
    public static final String PARTITION = "dlq-partition";
    public static final String OFFSET = "dlq-offset";

    private InboundDeadLetterHeaders() {
    }
}
