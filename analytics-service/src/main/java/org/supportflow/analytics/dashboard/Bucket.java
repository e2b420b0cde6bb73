package org.supportflow.analytics.dashboard;

import org.supportflow.web.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The width of one point of a time series: an hour or a UTC day. */
public enum Bucket {
    HOUR(ChronoUnit.HOURS, "hour"),
    DAY(ChronoUnit.DAYS, "day");

    /** The most points a series may have (31 days of hours). */
    public static final int MAX_POINTS = 744;

    private final ChronoUnit unit;
    private final String sqlUnit;

    Bucket(ChronoUnit unit, String sqlUnit) {
        this.unit = unit;
        this.sqlUnit = sqlUnit;
    }

    /** The unit for PostgreSQL's {@code date_trunc} (a constant, never user input). */
    public String sqlUnit() {
        return sqlUnit;
    }

    public String wireName() {
        return sqlUnit;
    }

    /** The start of the bucket holding {@code instant} (UTC). */
    public Instant floor(Instant instant) {
        return instant.truncatedTo(unit);
    }

    /** Every bucket start from the one holding {@code from} to the one holding the last instant before {@code to}. */
    public List<Instant> starts(Instant from, Instant to) {
        List<Instant> starts = new ArrayList<>();
        for (Instant start = floor(from); start.isBefore(to); start = start.plus(1, unit)) {
            starts.add(start);
        }
        return starts;
    }

    /**
     * The {@code bucket} parameter: {@code hour} or {@code day}; when absent, hours for ranges up to two
     * days and days beyond. A range with more than {@link #MAX_POINTS} points is refused.
     */
    public static Bucket parse(String value, Instant from, Instant to) {
        Bucket bucket;
        if (value == null || value.isBlank()) {
            bucket = Duration.between(from, to).compareTo(Duration.ofHours(48)) <= 0 ? HOUR : DAY;
        } else {
            bucket = switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "hour" -> HOUR;
                case "day" -> DAY;
                default -> throw ApiException.badRequest("invalid_parameter", "'bucket' must be 'hour' or 'day'");
            };
        }
        if (bucket.starts(from, to).size() > MAX_POINTS) {
            throw ApiException.badRequest("range_too_large",
                    "at most " + MAX_POINTS + " points: use bucket=day or a shorter range");
        }
        return bucket;
    }
}
