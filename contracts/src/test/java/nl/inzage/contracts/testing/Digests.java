package nl.inzage.contracts.testing;

import java.math.BigInteger;
import nl.inzage.contracts.ProjectionDigest;

/**
 * Arithmetic on {@link ProjectionDigest} values for the reconciliation tests: a store shared with
 * other tests holds entries a test cannot know, but what one write changes is known exactly.
 */
public final class Digests {

    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(64);

    private Digests() {
    }

    /** {@code digest} with the entries of {@code added} added and those of {@code removed} taken out. */
    public static String change(String digest, ProjectionDigest added, ProjectionDigest removed) {
        return join(high(digest).add(high(added.value())).subtract(high(removed.value())).mod(HALF),
                low(digest).add(low(added.value())).subtract(low(removed.value())).mod(HALF));
    }

    private static BigInteger high(String digest) {
        return new BigInteger(digest.substring(0, 16), 16);
    }

    private static BigInteger low(String digest) {
        return new BigInteger(digest.substring(16), 16);
    }

    private static String join(BigInteger high, BigInteger low) {
        return String.format("%016x%016x", high, low);
    }
}
