package org.supportflow.ticket.sla;

import org.supportflow.contracts.hours.BusinessHours;
import org.supportflow.contracts.taxonomy.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * First-reply and resolution targets per priority, in business time, and what they mean for one ticket:
 * due times, breach and at-risk state. Plain class: the unit tests build it directly.
 */
public final class SlaPolicy {

    private final BusinessHours hours;
    private final Map<Priority, Duration> firstResponse;
    private final Map<Priority, Duration> resolution;
    private final Duration atRiskWithin;

    public SlaPolicy(BusinessHours hours, Map<Priority, Duration> firstResponse, Map<Priority, Duration> resolution,
                     Duration atRiskWithin) {
        this.hours = Objects.requireNonNull(hours, "hours");
        this.firstResponse = complete("first-response", firstResponse);
        this.resolution = complete("resolution", resolution);
        this.atRiskWithin = Objects.requireNonNull(atRiskWithin, "atRiskWithin");
    }

    private static Map<Priority, Duration> complete(String what, Map<Priority, Duration> targets) {
        EnumMap<Priority, Duration> copy = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            Duration target = targets.get(priority);
            if (target == null || target.isNegative() || target.isZero()) {
                throw new IllegalArgumentException("SLA " + what + " target missing or not positive for " + priority);
            }
            copy.put(priority, target);
        }
        return copy;
    }

    public BusinessHours hours() {
        return hours;
    }

    public Duration atRiskWithin() {
        return atRiskWithin;
    }

    public Instant firstResponseDue(Instant createdAt, Priority priority) {
        return hours.plus(createdAt, firstResponse.get(priority));
    }

    /**
     * The resolution target counted in business time from the ticket's creation, moved by the business time
     * the ticket spent PENDING (the clock does not run while the team waits for the customer).
     */
    public Instant resolutionDue(Instant createdAt, Priority priority, Duration paused) {
        return hours.plus(createdAt, resolution.get(priority).plus(paused));
    }

    /** One target's state at {@code now}: met (or stopped) at {@code doneAt}, or still running. */
    public TargetState state(Instant dueAt, Instant doneAt, boolean running, Instant now) {
        if (dueAt == null) {
            return TargetState.NONE;
        }
        if (doneAt != null) {
            return doneAt.isAfter(dueAt) ? TargetState.BREACHED : TargetState.MET;
        }
        if (!running) {
            return TargetState.NONE;
        }
        if (now.isAfter(dueAt)) {
            return TargetState.BREACHED;
        }
        return now.plus(atRiskWithin).isAfter(dueAt) ? TargetState.AT_RISK : TargetState.ON_TRACK;
    }

    public enum TargetState {
        /** No target (no due time, or the ticket stopped without meeting it, e.g. closed). */
        NONE,
        /** The clock is stopped: the ticket is PENDING (resolution only); the due time moves on resumption. */
        PAUSED,
        ON_TRACK,
        AT_RISK,
        BREACHED,
        MET
    }
}
