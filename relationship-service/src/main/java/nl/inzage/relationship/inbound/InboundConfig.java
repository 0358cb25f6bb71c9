package nl.inzage.relationship.inbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the inbound consumer rides out a database or broker outage before it stops its channel. */
@ConfigMapping(prefix = "inzage.inbound")
public interface InboundConfig {

    /** Attempts after the first; with the default backoff about 20 s in all. */
    @WithDefault("6")
    int retries();

    @WithDefault("PT0.2S")
    Duration firstBackoff();

    @WithDefault("PT5S")
    Duration maxBackoff();
}
