package nl.inzage.gateway.mitz;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * {@code inzage.mitz.*}: data holders that use Mitz. When the projection has no choice for one of
 * them, the gateway asks consent-service, which asks Mitz's closed question.
 */
@ConfigMapping(prefix = "inzage.mitz")
public interface MitzConfig {

    /** Off (the default): the gateway never asks Mitz. */
    @WithDefault("false")
    boolean enabled();

    /** Data holder URA → organisation type, for the holders connected to Mitz. Empty: the gateway never asks. */
    Map<String, String> holders();

    /** The most a decision waits for the closed question; then it is denied ({@code mitz-unavailable}). */
    @WithDefault("PT2.5S")
    Duration timeout();
}
