package org.supportflow.analytics.summary;

import org.supportflow.web.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code from}/{@code to} query parameters of the summary: ISO-8601 instants
 * ({@code 2026-11-22T10:00:00Z}, or with an offset) or dates ({@code 2026-11-22}, UTC). A date as
 * {@code from} means the start of that day; as {@code to} the end of that day (the range includes it).
 * Missing bounds default to the last {@code defaultRange} up to now.
 */
public final class RangeParser {

    private final Clock clock;
    private final Duration defaultRange;
    private final Duration maxRange;

    public RangeParser(Clock clock, Duration defaultRange, Duration maxRange) {
        this.clock = clock;
        this.defaultRange = defaultRange;
        this.maxRange = maxRange;
    }

    public TimeRange parse(String fromParam, String toParam) {
        Instant from = parseBound(fromParam, "from", false);
        Instant to = parseBound(toParam, "to", true);
        if (to == null) {
            to = clock.instant();
        }
        if (from == null) {
            from = to.minus(defaultRange);
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("invalid_range", "'from' must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw ApiException.badRequest("range_too_large",
                    "the range may span at most " + maxRange.toDays() + " days");
        }
        return new TimeRange(from, to);
    }

    private static Instant parseBound(String value, String name, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_parameter",
                    "'" + name + "' must be an ISO-8601 instant (2026-11-22T10:00:00Z) or date (2026-11-22)");
        }
    }
}
