package org.supportflow.routing.hours;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code routing.hours.*}: when agents work. See {@link BusinessHours}. */
@ConfigMapping(prefix = "routing.hours")
public interface HoursConfig {

    @WithDefault("Asia/Seoul")
    ZoneId zone();

    /**
     * Opening hours per day of week ({@code monday}..{@code sunday}), e.g. {@code 09:00-18:00}, several
     * windows separated by commas; a day without an entry is closed.
     */
    Map<String, String> weekly();

    /** Days without service (local dates in {@link #zone()}). */
    Optional<List<LocalDate>> holidays();

    /** {@code schedule} (default), or {@code open} / {@code closed} to force it (tests, demos, incidents). */
    @WithDefault("schedule")
    BusinessHours.Override override();

    /** Evaluate the hours at this instant instead of the wall clock (tests and demos). */
    Optional<Instant> fixedClock();
}
