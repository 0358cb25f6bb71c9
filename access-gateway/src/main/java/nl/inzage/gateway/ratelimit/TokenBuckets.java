package nl.inzage.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a user, an organisation, a PEP client): each holds at most {@code burst} tokens and gains
 * {@code perSecond} a second; a request takes one. Plain Java, lock-free per key, no framework. Keys idle for a
 * while are dropped by {@link #evictIdle} once there are many, so a flood of distinct keys cannot grow the map without bound for long.
 */
public final class TokenBuckets {

    /** Taken, or refused with the wait in whole seconds (at least 1) until a token is there again. */
    public record Outcome(boolean allowed, long retryAfterSeconds) {
        static final Outcome ALLOWED = new Outcome(true, 0);
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    /** Past this many keys, full (idle) buckets are dropped before a new one is made. */
    static final int MAX_KEYS = 100_000;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double perSecond, double burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    public Outcome take(String key) {
        return take(key, 1);
    }

    /** Takes {@code count} tokens at once (a batch of decisions), or none: a refused batch costs nothing. */
    public Outcome take(String key, int count) {
        if (buckets.size() > MAX_KEYS) {
            evictIdle();
        }
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            double elapsed = Math.max(0, now - bucket.updatedNanos) / 1e9;
            bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
            bucket.updatedNanos = now;
            if (bucket.tokens >= count) {
                bucket.tokens -= count;
                return Outcome.ALLOWED;
            }
            double wait = (Math.min(count, burst) - bucket.tokens) / perSecond;
            return new Outcome(false, Math.max(1, (long) Math.ceil(wait)));
        }
    }

    /** Drops buckets that are full again (idle long enough to have refilled): they behave exactly like new ones. */
    public void evictIdle() {
        long now = nanoClock.getAsLong();
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return b.tokens + Math.max(0, now - b.updatedNanos) / 1e9 * perSecond >= burst;
            }
        });
    }

    public int size() {
        return buckets.size();
    }
}
