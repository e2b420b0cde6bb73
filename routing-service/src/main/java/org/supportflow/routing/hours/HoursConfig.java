package org.supportflow.routing.hours;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code routing.hours.*}: routing's own switches over the platform's business hours, which come from the
 * shared {@code supportflow.hours.*} settings ({@link org.supportflow.contracts.hours.HoursSettings}).
 * See {@link AgentHours}.
 */
@ConfigMapping(prefix = "routing.hours")
public interface HoursConfig {

    /** {@code schedule} (default), or {@code open} / {@code closed} to force it (tests, demos, incidents). */
    @WithDefault("schedule")
    AgentHours.Override override();

    /** Evaluate the hours at this instant instead of the wall clock (tests and demos). */
    Optional<Instant> fixedClock();
}
