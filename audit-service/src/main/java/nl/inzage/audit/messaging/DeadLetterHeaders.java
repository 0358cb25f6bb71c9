package nl.inzage.audit.messaging;

/**
 * Headers added to a dead-lettered record, next to its own headers: why it was refused and where
 * it came from, so it can be found, fixed and replayed.
 */
public final class DeadLetterHeaders {

    /** {@code <code>: <detail>}, e.g. {@code not-json: the value is not JSON}. */
    public static final String REASON = "dlq-reason";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";

    private DeadLetterHeaders() {
    }
}
