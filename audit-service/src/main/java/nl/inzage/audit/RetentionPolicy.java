package nl.inzage.audit;

import java.time.Instant;
import java.time.ZoneOffset;

/** How long log records are kept: never less than NEN 7513's 5 years. */
public record RetentionPolicy(int years) {

    public static final int MINIMUM_YEARS = 5;

    public RetentionPolicy {
        if (years < MINIMUM_YEARS) {
            throw new IllegalArgumentException("inzage.audit.retention.years is " + years
                    + ": NEN 7513 requires keeping the access log at least " + MINIMUM_YEARS + " years");
        }
    }

    /** Records that occurred and were recorded before this moment are past retention. */
    public Instant cutoff(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minusYears(years).toInstant();
    }
}
