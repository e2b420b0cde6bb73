package org.supportflow.routing.actions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a failing system from slowing every conversation: after {@code threshold} failures in a row the circuit
 * opens and calls fail at once for {@code openFor}; then one call is let through (half-open): its success closes
 * the circuit, its failure opens it again. One per system, per routing replica (each replica learns on its own).
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go now; in half-open state only one at a time. */
    public synchronized boolean tryAcquire() {
        if (openedAt == null) {
            return true;
        }
        if (clock.instant().isBefore(openedAt.plus(openFor)) || trialInFlight) {
            return false;
        }
        trialInFlight = true;
        return true;
    }

    public synchronized void onSuccess() {
        failures = 0;
        openedAt = null;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        failures++;
        if (trialInFlight || failures >= threshold) {
            openedAt = clock.instant();
        }
        trialInFlight = false;
    }

    public synchronized State state() {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
    }
}
