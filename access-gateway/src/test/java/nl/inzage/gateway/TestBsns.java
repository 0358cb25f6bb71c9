package nl.inzage.gateway;

import java.util.concurrent.ThreadLocalRandom;
import nl.inzage.contracts.Identifiers;

/** Fresh valid BSNs, so tests against the shared broker never see each other's clients. */
public final class TestBsns {

    private TestBsns() {
    }

    public static String fresh() {
        while (true) {
            String candidate = String.format("%09d", ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999));
            if (Identifiers.isValidBsn(candidate)) {
                return candidate;
            }
        }
    }
}
