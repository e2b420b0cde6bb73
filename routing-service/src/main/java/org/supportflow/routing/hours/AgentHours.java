package org.supportflow.routing.hours;

import org.supportflow.contracts.hours.BusinessHours;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether agents work now, as routing decides it: the platform's business hours (shared with ticket-service's
 * SLA clock), routing's override switch and the clock it reads. {@link #status()} tells whether agents work
 * now and, when not, when they are back.
 */
public final class AgentHours {

    /** {@code SCHEDULE} follows the business hours; {@code OPEN} and {@code CLOSED} force the bot's view. */
    public enum Override {
        SCHEDULE, OPEN, CLOSED
    }

    /**
     * @param open        whether agents work at {@code at}
     * @param nextOpening when agents are next back (the next window's start); only meaningful when closed
     */
    public record Status(Instant at, boolean open, Optional<ZonedDateTime> nextOpening) {
    }

    private final BusinessHours schedule;
    private final Override override;
    private final Clock clock;

    public AgentHours(BusinessHours schedule, Override override, Clock clock) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.override = Objects.requireNonNull(override, "override");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The shared schedule with routing's switches; a fixed clock in the settings replaces the system clock. */
    public static AgentHours from(BusinessHours schedule, HoursConfig config, Clock systemClock) {
        Clock clock = config.fixedClock().map(at -> Clock.fixed(at, schedule.zone())).orElse(systemClock);
        return new AgentHours(schedule, config.override(), clock);
    }

    public ZoneId zone() {
        return schedule.zone();
    }

    public Status status() {
        return status(clock.instant());
    }

    public Status status(Instant at) {
        boolean open = switch (override) {
            case OPEN -> true;
            case CLOSED -> false;
            case SCHEDULE -> schedule.isOpen(at);
        };
        return new Status(at, open, open ? Optional.empty() : schedule.nextOpening(at));
    }

    public boolean isOpen() {
        return status().open();
    }

    /** The start of the first scheduled window strictly after {@code at}. */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        return schedule.nextOpening(at);
    }
}
