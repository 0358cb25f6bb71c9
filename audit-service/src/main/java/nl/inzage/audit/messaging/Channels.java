package nl.inzage.audit.messaging;

/** Messaging channel names, bound to topics in application.properties. */
public final class Channels {

    /** {@code audit.events}, consumed in batches. */
    public static final String AUDIT_IN = "audit-in";
    /** {@code audit.events.dlq}: records that are not a readable audit event. */
    public static final String AUDIT_DLQ = "audit-dlq";

    private Channels() {
    }
}
