package nl.inzage.consent.mitz;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Consecutive failures open the breaker; while open, calls fail at once instead of waiting for
 * the timeout. After the open period one trial call is let through: success closes it, failure
 * opens it again. Small enough to keep here rather than add a fault-tolerance library for one client.
 */
final class CircuitBreaker {

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openUntil = Instant.MIN;
    private boolean trialRunning;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go out now. */
    synchronized boolean allow() {
        if (failures < threshold) {
            return true;
        }
        if (clock.instant().isBefore(openUntil) || trialRunning) {
            return false;
        }
        trialRunning = true;
        return true;
    }

    synchronized void success() {
        failures = 0;
        trialRunning = false;
    }

    synchronized void failure() {
        failures++;
        trialRunning = false;
        if (failures >= threshold) {
            openUntil = clock.instant().plus(openFor);
        }
    }

    synchronized boolean open() {
        return failures >= threshold && clock.instant().isBefore(openUntil);
    }
}
