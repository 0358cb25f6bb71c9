package nl.inzage.audit.messaging;

/**
 * Why a record is not an audit event the log can store. Neither part ever quotes the payload, so a
 * rejection can be logged without leaking a BSN.
 *
 * @param code   stable, machine-readable: {@code empty}, {@code not-json}, {@code unexpected-type},
 *               {@code not-access-decided}, {@code not-a-change}, {@code no-event-id}, {@code unstorable}
 * @param detail for the person reading the dead-letter topic
 */
public record Rejection(String code, String detail) {

    public static final String EMPTY = "empty";
    public static final String NOT_JSON = "not-json";
    public static final String UNEXPECTED_TYPE = "unexpected-type";
    public static final String NOT_ACCESS_DECIDED = "not-access-decided";
    /** On {@code consent.events} / {@code relationship.events}: not a ConsentChanged / RelationshipChanged. */
    public static final String NOT_A_CHANGE = "not-a-change";
    public static final String NO_EVENT_ID = "no-event-id";
    /** Read well, but the database refuses to store it (e.g. a NUL character in a text field): not an outage. */
    public static final String UNSTORABLE = "unstorable";

    public String describe() {
        return code + ": " + detail;
    }
}
