package nl.inzage.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The reconciliation digest: what a store holds at a revision, as the gateway's projection must
 * hold it. Each entry is one line of fields; the digest is, half by half, the sum (mod 2^64) of the
 * first 128 bits of the entries' SHA-256, so both sides can stream their entries in any order and
 * in bounded memory.
 * Not a security measure (anyone can forge a sum): it finds divergence, not tampering.
 *
 * <p>The entries, as both sides must write them:
 * <ul>
 * <li>consents: per client and data holder, the version with the highest store revision:
 * {@code bsn|holderUra|consentId|version|status};</li>
 * <li>relationships: per relationship, its highest version: {@code bsn|relationshipId|version|status}.</li>
 * </ul>
 */
public final class ProjectionDigest {

    private final MessageDigest sha256;
    private long high;
    private long low;
    private long entries;

    public ProjectionDigest() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public ProjectionDigest consent(String bsn, String holderUra, String consentId, long version, String status) {
        return add(bsn + "|" + holderUra + "|" + consentId + "|" + version + "|" + status);
    }

    public ProjectionDigest relationship(String bsn, String relationshipId, long version, String status) {
        return add(bsn + "|" + relationshipId + "|" + version + "|" + status);
    }

    private ProjectionDigest add(String line) {
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(line.getBytes(StandardCharsets.UTF_8)));
        high += hash.getLong();
        low += hash.getLong();
        entries++;
        return this;
    }

    public long entries() {
        return entries;
    }

    /** 32 hex digits. */
    public String value() {
        return HexFormat.of().formatHex(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }
}
