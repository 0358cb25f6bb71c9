package nl.inzage.audit.messaging;

/** Messaging channel names, bound to topics in application.properties. */
public final class Channels {

    /** {@code audit.events}, consumed in batches. */
    public static final String AUDIT_IN = "audit-in";
    /** {@code consent.events} and {@code relationship.events}, consumed in batches by a group of its own. */
    public static final String CHANGES_IN = "changes-in";
    /** {@code audit.events.dlq}: records of any consumed topic that are not a readable event. */
    public static final String AUDIT_DLQ = "audit-dlq";

    private Channels() {
    }
}
