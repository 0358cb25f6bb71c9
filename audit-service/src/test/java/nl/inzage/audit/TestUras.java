package nl.inzage.audit;

import java.util.concurrent.ThreadLocalRandom;

/** Organisations of a test's own, so records other tests left in the log never show up in its results. */
public final class TestUras {

    private TestUras() {
    }

    public static String random() {
        return String.format("%08d", ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000));
    }
}
