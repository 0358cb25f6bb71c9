package nl.inzage.gateway.projection;

/** The highest store revision a projection has applied, reported with every decision. */
public final class RevisionWatermark {

    private volatile long highest;

    synchronized void seen(long revision) {
        if (revision > highest) {
            highest = revision;
        }
    }

    public long highest() {
        return highest;
    }
}
