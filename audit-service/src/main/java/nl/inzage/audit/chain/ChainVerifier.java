package nl.inzage.audit.chain;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Walks records in seq order from a known previous hash, recomputing each link. Pure: the
 * service feeds it pages of rows and carries {@link #expectedPrevious()} from page to page.
 */
public final class ChainVerifier {

    private byte[] expectedPrevious;
    private long previousSeq;
    private long checked;

    /**
     * @param expectedPrevious the hash the first record must name as its previous (the record
     *                         before the range, or the anchor)
     * @param previousSeq      where that hash comes from, for the report
     */
    public ChainVerifier(byte[] expectedPrevious, long previousSeq) {
        this.expectedPrevious = expectedPrevious;
        this.previousSeq = previousSeq;
    }

    /** Checks the next records; answers the first broken link, if any (and stops there). */
    public Optional<BrokenLink> check(List<ChainedRecord> records) {
        for (ChainedRecord r : records) {
            long seq = r.stored().seq();
            String eventId = r.stored().record().eventId();
            if (r.hash() == null || r.prevHash() == null) {
                return Optional.of(new BrokenLink(seq, eventId, BrokenLink.HASH_MISSING,
                        "the record carries no hash: it was not written by the log"));
            }
            if (!MessageDigest.isEqual(r.prevHash(), expectedPrevious)) {
                return Optional.of(new BrokenLink(seq, eventId, BrokenLink.LINK_BROKEN,
                        "its previous hash is not the hash of the record before it (seq " + previousSeq
                                + "): a record was removed or inserted between them"));
            }
            byte[] recomputed = ChainHasher.hash(r.prevHash(), r.stored().record(), r.stored().recordedAt());
            if (!MessageDigest.isEqual(recomputed, r.hash())) {
                return Optional.of(new BrokenLink(seq, eventId, BrokenLink.CONTENT_CHANGED,
                        "the record's content no longer matches its hash " + hex(r.hash())));
            }
            expectedPrevious = r.hash();
            previousSeq = seq;
            checked++;
        }
        return Optional.empty();
    }

    public byte[] expectedPrevious() {
        return expectedPrevious;
    }

    public long lastSeq() {
        return previousSeq;
    }

    public long checked() {
        return checked;
    }

    public static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}
