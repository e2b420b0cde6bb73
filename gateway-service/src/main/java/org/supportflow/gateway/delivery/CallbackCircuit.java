package org.supportflow.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A circuit breaker per channel callback. Replies of one partition are delivered one after the other, so a
 * dead callback that costs every reply its full retry budget would hold up the replies of every other channel
 * on that partition. After {@code threshold} replies in a row failed for good, the channel's circuit opens
 * for {@code openFor}: its replies skip the callback and go straight to the dead-letter topic (they are still
 * stored for polling). The first reply after that period is a trial; a success closes the circuit.
 */
public final class CallbackCircuit {

    private record State(int consecutiveFailures, Instant openUntil) {
    }

    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();
    private final int threshold;
    private final Duration openFor;
    private final Clock clock;

    public CallbackCircuit(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    public boolean isOpen(String channelId) {
        State state = states.get(channelId);
        return state != null && state.openUntil() != null && clock.instant().isBefore(state.openUntil());
    }

    public void succeeded(String channelId) {
        states.remove(channelId);
    }

    public void failed(String channelId) {
        states.compute(channelId, (id, state) -> {
            int failures = (state == null ? 0 : state.consecutiveFailures()) + 1;
            Instant openUntil = failures >= threshold ? clock.instant().plus(openFor) : null;
            return new State(failures, openUntil);
        });
    }
}
