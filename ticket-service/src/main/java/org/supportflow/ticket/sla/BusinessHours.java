package org.supportflow.ticket.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A support team's weekly opening hours in one time zone, with holidays, and the arithmetic SLAs need:
 * adding business time to an instant and measuring the business time between two instants.
 * Daylight-saving gaps are handled by the zone rules; a window is a half-open local interval
 * {@code [start, end)}.
 */
public final class BusinessHours {

    /** No team is closed for more than this; guards against a schedule without any opening. */
    private static final int MAX_DAYS_SCANNED = 3 * 366;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Window>> week;
    private final Set<LocalDate> holidays;

    public record Window(LocalTime start, LocalTime end) {
        public Window {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("a business-hours window must end after it starts: "
                        + start + "-" + end);
            }
        }
    }

    public BusinessHours(ZoneId zone, Map<DayOfWeek, List<Window>> week, Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        EnumMap<DayOfWeek, List<Window>> copy = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, windows) -> {
            List<Window> sorted = windows.stream().sorted(Comparator.comparing(Window::start)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                    throw new IllegalArgumentException("overlapping business-hours windows on " + day);
                }
            }
            copy.put(day, sorted);
        });
        if (copy.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("business hours need at least one opening window in the week");
        }
        this.week = copy;
        this.holidays = Set.copyOf(holidays);
    }

    /**
     * Parses {@code monday=09:00-18:00}, {@code saturday=10:00-12:00,13:00-15:00}; day names in any case.
     */
    public static BusinessHours parse(String zone, Map<String, String> schedule, Set<LocalDate> holidays) {
        Map<DayOfWeek, List<Window>> week = new EnumMap<>(DayOfWeek.class);
        schedule.forEach((day, spec) -> {
            DayOfWeek dayOfWeek;
            try {
                dayOfWeek = DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown day of week in business hours: " + day, e);
            }
            List<Window> windows = new ArrayList<>();
            if (spec != null && !spec.isBlank() && !spec.strip().equalsIgnoreCase("closed")) {
                for (String part : spec.split(",")) {
                    String[] bounds = part.strip().split("-");
                    if (bounds.length != 2) {
                        throw new IllegalArgumentException("business hours must look like 09:00-18:00: " + part);
                    }
                    windows.add(new Window(LocalTime.parse(bounds[0].strip()), LocalTime.parse(bounds[1].strip())));
                }
            }
            week.put(dayOfWeek, windows);
        });
        return new BusinessHours(ZoneId.of(zone), week, holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether the team works at {@code instant}. */
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalDate date = local.toLocalDate();
        for (Window window : windowsOf(date)) {
            Instant start = date.atTime(window.start()).atZone(zone).toInstant();
            Instant end = date.atTime(window.end()).atZone(zone).toInstant();
            if (!instant.isBefore(start) && instant.isBefore(end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The instant at which {@code businessTime} of working time has elapsed after {@code start}; for zero,
     * {@code start} itself when open, else the next opening.
     */
    public Instant plus(Instant start, Duration businessTime) {
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative");
        }
        Duration remaining = businessTime;
        LocalDate date = start.atZone(zone).toLocalDate();
        for (int day = 0; day < MAX_DAYS_SCANNED; day++, date = date.plusDays(1)) {
            for (Window window : windowsOf(date)) {
                Instant windowStart = date.atTime(window.start()).atZone(zone).toInstant();
                Instant windowEnd = date.atTime(window.end()).atZone(zone).toInstant();
                if (!windowEnd.isAfter(start)) {
                    continue;
                }
                Instant from = windowStart.isBefore(start) ? start : windowStart;
                Duration available = Duration.between(from, windowEnd);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("no business hours within " + MAX_DAYS_SCANNED + " days of " + start);
    }

    /** Working time between {@code from} and {@code to}; zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate date = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !date.isAfter(last); date = date.plusDays(1)) {
            for (Window window : windowsOf(date)) {
                Instant windowStart = date.atTime(window.start()).atZone(zone).toInstant();
                Instant windowEnd = date.atTime(window.end()).atZone(zone).toInstant();
                Instant a = windowStart.isBefore(from) ? from : windowStart;
                Instant b = windowEnd.isAfter(to) ? to : windowEnd;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    private List<Window> windowsOf(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        return week.getOrDefault(date.getDayOfWeek(), List.of());
    }
}
