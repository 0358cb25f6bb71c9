package nl.inzage.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long, and how many, verified decision-API bearer tokens are kept ({@link VerifiedTokens}). */
@ConfigMapping(prefix = "inzage.auth.verified-tokens")
public interface VerifiedTokenConfig {

    /** The longest a verified token counts without being verified again (never past its {@code exp}). */
    @WithDefault("PT60S")
    Duration timeToLive();

    /** The most tokens kept: PEPs are a few service accounts, so this is a bound, not a working size. */
    @WithDefault("10000")
    long maximumSize();
}
