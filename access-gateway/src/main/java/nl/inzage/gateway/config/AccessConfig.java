package nl.inzage.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** Decision settings; the role-by-category matrix is configuration, not code (default: DOMAIN.md). */
@ConfigMapping(prefix = "inzage.access")
public interface AccessConfig {

    /** Role → the data categories it may see, e.g. {@code inzage.access.matrix.jgz=delivery,postpartum,newborn,care-plan}. */
    Map<String, List<String>> matrix();

    /** The time zone that decides which day a relationship's period is tested against. */
    @WithDefault("Europe/Amsterdam")
    String zone();

    /** How long an emergency access (break-the-glass) stays valid after it is declared. */
    @WithDefault("PT4H")
    java.time.Duration emergencyValidity();

    /** How long an access request waits for the gateway's projection to hold the new relationship before answering. */
    @WithDefault("PT5S")
    java.time.Duration accessRequestWait();
}
