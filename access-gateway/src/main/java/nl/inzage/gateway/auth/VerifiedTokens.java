package nl.inzage.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.quarkus.security.identity.SecurityIdentity;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens of the decision API that the OIDC layer has verified, with the identity it made of each, so the
 * next request with the same token is not verified again: a PEP sends one service-account token with thousands of
 * decisions a second, and verifying it (JSON parsing twice, an RSA signature) was a quarter of the gateway's CPU
 * per decision (BENCHMARKS.md). Only an exact, already verified token string is found, and never after its
 * {@code exp}, nor longer than the time to live (a key withdrawn at the provider stops counting after that).
 *
 * <p>Caffeine (a bounded, concurrent cache; the Quarkus platform manages its version) rather than a map of our own:
 * eviction by size and age under concurrency is what it is for.
 */
public final class VerifiedTokens {

    private record Verified(SecurityIdentity identity, Instant expiresAt) {
    }

    private final Cache<String, Verified> cache;

    public VerifiedTokens(Duration timeToLive, long maximumSize) {
        this(timeToLive, maximumSize, Ticker.systemTicker());
    }

    /** @param ticker the time the time to live is measured in (tests move it by hand) */
    VerifiedTokens(Duration timeToLive, long maximumSize, Ticker ticker) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(maximumSize).ticker(ticker).build();
    }

    /** The identity made of this token, while it is still valid at {@code now}; null otherwise. */
    public SecurityIdentity find(String token, Instant now) {
        Verified verified = cache.getIfPresent(token);
        if (verified == null) {
            return null;
        }
        if (!now.isBefore(verified.expiresAt())) {
            cache.invalidate(token);
            return null;
        }
        return verified.identity();
    }

    /**
     * Keeps a verified token's identity until the token expires or the time to live ends, whichever is first. A token
     * already kept stays as it is: its time to live counts from its verification, not from its last use.
     */
    public void remember(String token, SecurityIdentity identity, Instant expiresAt) {
        cache.asMap().putIfAbsent(token, new Verified(identity, expiresAt));
    }
}
