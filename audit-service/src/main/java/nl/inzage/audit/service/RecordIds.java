package nl.inzage.audit.service;

import nl.inzage.audit.AsciiNumbers;

/**
 * What a record id in a request path may be, checked before any lookup: PostgreSQL refuses a NUL byte in a text
 * parameter with an error (22021) rather than finding nothing, and a value that cannot name a record should not
 * reach the database at all. Both kinds answer 404, the id not echoed.
 */
final class RecordIds {

    /** The event ids the product makes are UUIDs; a source's own ce_id is held to the inbound readers' length. */
    static final int MAX_EVENT_ID_LENGTH = 200;

    private RecordIds() {
    }

    /** A seq: ASCII digits that fit a long (full-width digits are not a seq). */
    static boolean isSeq(String id) {
        return AsciiNumbers.parse(id) >= 0;
    }

    /**
     * An event id: printable ASCII without spaces. A record whose ce_id holds anything else is still found by its
     * seq; control, format (zero-width, right-to-left override) and surrogate characters never name one here.
     */
    static boolean isEventId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_EVENT_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
