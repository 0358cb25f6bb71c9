package nl.inzage.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(2, 3, now::get);

    @Test
    void aBurstIsAllowedThenRefusedWithTheWaitUntilTheNextToken() {
        assertThat(buckets.take("a").allowed()).isTrue();
        assertThat(buckets.take("a").allowed()).isTrue();
        assertThat(buckets.take("a").allowed()).isTrue();
        TokenBuckets.Outcome refused = buckets.take("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void tokensComeBackAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            buckets.take("a");
        }
        assertThat(buckets.take("a").allowed()).isFalse();
        now.addAndGet(500_000_000L); // half a second at 2/s: one token
        assertThat(buckets.take("a").allowed()).isTrue();
        assertThat(buckets.take("a").allowed()).isFalse();
    }

    @Test
    void keysAreLimitedApart() {
        for (int i = 0; i < 3; i++) {
            buckets.take("a");
        }
        assertThat(buckets.take("a").allowed()).isFalse();
        assertThat(buckets.take("b").allowed()).isTrue();
    }

    @Test
    void aSlowRateGivesALongerRetryAfter() {
        TokenBuckets slow = new TokenBuckets(0.1, 1, now::get);
        slow.take("a");
        assertThat(slow.take("a").retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void idleBucketsAreDroppedOnlyOnceRefilled() {
        buckets.take("a");
        buckets.evictIdle();
        assertThat(buckets.size()).isEqualTo(1);
        now.addAndGet(1_000_000_000L);
        buckets.evictIdle();
        assertThat(buckets.size()).isZero();
    }
}
