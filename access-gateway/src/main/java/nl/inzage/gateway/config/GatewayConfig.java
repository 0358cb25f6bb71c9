package nl.inzage.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How fresh the projections must be before the gateway decides. */
@ConfigMapping(prefix = "inzage.gateway")
public interface GatewayConfig {

    /** How long a request carrying a consent or relationship revision waits for the projection to reach it; then {@code stale}. */
    @WithDefault("PT1S")
    Duration freshnessWait();

    /** How long the projections may go without being confirmed at the end of their topics before every decision is {@code stale}. */
    @WithDefault("PT30S")
    Duration stalenessLimit();

    /** How often the end offsets are read to confirm freshness; well below the staleness limit. */
    @WithDefault("PT1S")
    Duration freshnessCheckInterval();

    /** The most evaluations one AuthZEN batch request may carry. */
    @WithDefault("100")
    int maxEvaluations();
}
