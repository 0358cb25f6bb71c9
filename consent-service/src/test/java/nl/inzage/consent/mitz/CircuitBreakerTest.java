package nl.inzage.consent.mitz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void opensAfterConsecutiveFailuresLetsOneTrialThroughAfterTheOpenPeriodAndClosesOnItsSuccess() {
        MovableClock clock = new MovableClock();
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);
        breaker.failure();
        breaker.failure();
        assertThat(breaker.allow()).as("below the threshold").isTrue();
        breaker.success();
        breaker.failure();
        breaker.failure();
        assertThat(breaker.allow()).as("a success reset the count").isTrue();
        breaker.failure();
        assertThat(breaker.allow()).as("open").isFalse();
        assertThat(breaker.open()).isTrue();

        clock.now = clock.now.plusSeconds(31);
        assertThat(breaker.allow()).as("one trial after the open period").isTrue();
        assertThat(breaker.allow()).as("only one trial at a time").isFalse();
        breaker.failure();
        assertThat(breaker.allow()).as("the trial failed: open again").isFalse();

        clock.now = clock.now.plusSeconds(31);
        assertThat(breaker.allow()).isTrue();
        breaker.success();
        assertThat(breaker.allow()).isTrue();
        assertThat(breaker.allow()).as("closed: every call goes").isTrue();
    }

    @Test
    void relayBackoffDoublesUpToTheMaximum() {
        Duration first = Duration.ofSeconds(1);
        Duration max = Duration.ofMinutes(5);
        assertThat(MitzRelay.backoff(1, first, max)).isEqualTo(Duration.ofSeconds(1));
        assertThat(MitzRelay.backoff(2, first, max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(MitzRelay.backoff(5, first, max)).isEqualTo(Duration.ofSeconds(16));
        assertThat(MitzRelay.backoff(10, first, max)).isEqualTo(max);
        assertThat(MitzRelay.backoff(1000, first, max)).isEqualTo(max);
    }
}
