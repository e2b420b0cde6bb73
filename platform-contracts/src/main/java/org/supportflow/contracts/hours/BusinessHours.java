package org.supportflow.contracts.hours;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When the support team works: a weekly schedule in one time zone, with holidays. The one meaning of "open"
 * for the whole platform: routing's after-hours decision and ticket-service's SLA clock both ask this class,
 * built from the same settings ({@link HoursSettings}).
 *
 * <p>A window is a half-open local interval {@code [open, close)} on one day; a holiday (a local date in
 * the zone) closes the whole day. Daylight-saving gaps are left to the zone rules.
 */
public final class BusinessHours {

    /** No team is closed for longer than this; bounds every search for the next opening. */
    private static final int MAX_DAYS_SCANNED = 3 * 366;

    /** One opening window of a day, {@code [open, close)}. */
    public record Window(LocalTime open, LocalTime close) {
        public Window {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(close, "close");
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("a business-hours window must open before it closes: "
                        + open + "-" + close);
            }
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Window>> weekly;
    private final Set<LocalDate> holidays;

    /** @throws IllegalArgumentException for overlapping windows or a week without any window */
    public BusinessHours(ZoneId zone, Map<DayOfWeek, List<Window>> weekly, Collection<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        Map<DayOfWeek, List<Window>> copy = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, windows) -> {
            List<Window> sorted = windows.stream().sorted(Comparator.comparing(Window::open)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).open().isBefore(sorted.get(i - 1).close())) {
                    throw new IllegalArgumentException("overlapping business-hours windows on " + day);
                }
            }
            copy.put(day, sorted);
        });
        if (copy.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("business hours need at least one opening window in the week");
        }
        this.weekly = copy;
        this.holidays = Set.copyOf(holidays);
    }

    /**
     * From settings as text: a zone id, {@code monday=09:00-18:00}, {@code saturday=10:00-12:00,13:00-15:00},
     * {@code sunday=closed} (day names in any case, full or three letters; a day without an entry is closed).
     */
    public static BusinessHours parse(String zone, Map<String, String> weekly, Collection<LocalDate> holidays) {
        Map<DayOfWeek, List<Window>> days = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, spec) -> days.put(parseDay(day), parseWindows(spec)));
        return new BusinessHours(ZoneId.of(zone.strip()), days, holidays);
    }

    /** {@code Monday}, {@code MONDAY} or {@code mon}. */
    public static DayOfWeek parseDay(String name) {
        String normalized = name.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(normalized) || day.name().substring(0, 3).equals(normalized)) {
                return day;
            }
        }
        throw new IllegalArgumentException("unknown day of week in business hours: " + name);
    }

    /** {@code "09:00-18:00"} or {@code "09:00-12:00,13:00-18:00"}; blank or {@code closed}: no window. */
    public static List<Window> parseWindows(String spec) {
        List<Window> windows = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("closed")) {
            return windows;
        }
        for (String part : spec.split(",")) {
            String[] bounds = part.strip().split("-");
            if (bounds.length != 2) {
                throw new IllegalArgumentException("business hours must look like 09:00-18:00, got: " + part);
            }
            windows.add(new Window(LocalTime.parse(bounds[0].strip()), LocalTime.parse(bounds[1].strip())));
        }
        return windows;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether the team works at {@code at}. */
    public boolean isOpen(Instant at) {
        LocalDate date = at.atZone(zone).toLocalDate();
        for (Window window : windowsOf(date)) {
            if (!at.isBefore(start(date, window)) && at.isBefore(end(date, window))) {
                return true;
            }
        }
        return false;
    }

    /** The start of the first window strictly after {@code at}; empty only when holidays fill years ahead. */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        LocalDate date = at.atZone(zone).toLocalDate();
        for (int day = 0; day < MAX_DAYS_SCANNED; day++, date = date.plusDays(1)) {
            for (Window window : windowsOf(date)) {
                ZonedDateTime start = date.atTime(window.open()).atZone(zone);
                if (start.toInstant().isAfter(at)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
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
                Instant windowEnd = end(date, window);
                if (!windowEnd.isAfter(start)) {
                    continue;
                }
                Instant windowStart = start(date, window);
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
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            for (Window window : windowsOf(date)) {
                Instant windowStart = start(date, window);
                Instant windowEnd = end(date, window);
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
        return weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }

    private Instant start(LocalDate date, Window window) {
        return date.atTime(window.open()).atZone(zone).toInstant();
    }

    private Instant end(LocalDate date, Window window) {
        return date.atTime(window.close()).atZone(zone).toInstant();
    }
}
