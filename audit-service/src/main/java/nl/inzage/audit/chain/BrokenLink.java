package nl.inzage.audit.chain;

/**
 * The first place where the chain does not hold.
 *
 * @param problem {@code content-changed} (the record's hash no longer matches its content),
 *                {@code link-broken} (its previous hash is not the hash of the record before it:
 *                a record was removed or inserted there) or {@code hash-missing}
 */
public record BrokenLink(long seq, String eventId, String problem, String detail) {

    public static final String CONTENT_CHANGED = "content-changed";
    public static final String LINK_BROKEN = "link-broken";
    public static final String HASH_MISSING = "hash-missing";
}
