package nl.inzage.relationship.inbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the inbound consumer rides out a database or broker outage: it retries a record until it is handled, with
 * a backoff from {@code first-backoff} up to {@code max-backoff}, and never skips it; after {@code retries} failed
 * attempts (by default: never) it stops its channel instead.
 */
@ConfigMapping(prefix = "inzage.inbound")
public interface InboundConfig {

    /**
     * Attempts after the first. The default is no limit: a consumer that stopped its channel over a PostgreSQL
     * restart stayed stopped until the service was restarted (tests/faults, RELIABILITY.md).
     */
    @WithDefault("2147483647")
    int retries();

    @WithDefault("PT0.2S")
    Duration firstBackoff();

    @WithDefault("PT5S")
    Duration maxBackoff();
}
