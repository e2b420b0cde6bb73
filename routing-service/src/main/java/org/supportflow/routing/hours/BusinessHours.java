package org.supportflow.routing.hours;

import java.time.Clock;
import java.time.DayOfWeek;
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
import java.util.Optional;
import java.util.Set;

/**
 * A weekly schedule with holidays in one time zone. A window is {@code [open, close)} on one local day;
 * a holiday closes the whole local day. {@link #status()} tells whether agents work now and, when not,
 * when they are back.
 */
public final class BusinessHours {

    public enum Override {
        SCHEDULE, OPEN, CLOSED
    }

    /** A window of one day, {@code [open, close)}. */
    public record Window(LocalTime open, LocalTime close) {
        public Window {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(close, "close");
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("a window must open before it closes: " + open + "-" + close);
            }
        }

        boolean contains(LocalTime time) {
            return !time.isBefore(open) && time.isBefore(close);
        }
    }

    /**
     * @param open        whether agents work at {@code at}
     * @param nextOpening when agents are next back (the next window's start), empty when the schedule
     *                    has no window at all; only meaningful when closed
     */
    public record Status(Instant at, boolean open, Optional<ZonedDateTime> nextOpening) {
    }

    /** How far ahead {@link #nextOpening} looks (a year and a bit covers any holiday season). */
    private static final int SEARCH_DAYS = 400;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Window>> weekly;
    private final Set<LocalDate> holidays;
    private final Override override;
    private final Clock clock;

    public BusinessHours(ZoneId zone, Map<DayOfWeek, List<Window>> weekly, Set<LocalDate> holidays,
                         Override override, Clock clock) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.holidays = Set.copyOf(holidays);
        this.override = Objects.requireNonNull(override, "override");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<DayOfWeek, List<Window>> copy = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, windows) -> copy.put(day,
                windows.stream().sorted(Comparator.comparing(Window::open)).toList()));
        this.weekly = copy;
    }

    public static BusinessHours from(HoursConfig config, Clock systemClock) {
        Map<DayOfWeek, List<Window>> weekly = new EnumMap<>(DayOfWeek.class);
        config.weekly().forEach((day, spec) -> weekly.put(parseDay(day), parseWindows(spec)));
        Clock clock = config.fixedClock().map(at -> Clock.fixed(at, config.zone())).orElse(systemClock);
        return new BusinessHours(config.zone(), weekly, Set.copyOf(config.holidays().orElse(List.of())),
                config.override(), clock);
    }

    public ZoneId zone() {
        return zone;
    }

    public Status status() {
        return status(clock.instant());
    }

    public Status status(Instant at) {
        boolean open = switch (override) {
            case OPEN -> true;
            case CLOSED -> false;
            case SCHEDULE -> isScheduledOpen(at);
        };
        return new Status(at, open, open ? Optional.empty() : nextOpening(at));
    }

    public boolean isOpen() {
        return status().open();
    }

    boolean isScheduledOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        return weekly.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(window -> window.contains(local.toLocalTime()));
    }

    /** The start of the first scheduled window strictly after {@code at}. */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (holidays.contains(day)) {
                continue;
            }
            for (Window window : weekly.getOrDefault(day.getDayOfWeek(), List.of())) {
                ZonedDateTime start = day.atTime(window.open()).atZone(zone);
                if (start.toInstant().isAfter(at)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    static DayOfWeek parseDay(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(normalized) || day.name().substring(0, 3).equals(normalized)) {
                return day;
            }
        }
        throw new IllegalArgumentException("unknown day of week in routing.hours.weekly: " + name);
    }

    /** {@code "09:00-18:00"} or {@code "09:00-12:00,13:00-18:00"}; blank or {@code closed} = no window. */
    static List<Window> parseWindows(String spec) {
        List<Window> windows = new ArrayList<>();
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("closed")) {
            return windows;
        }
        for (String part : spec.split(",")) {
            String[] bounds = part.trim().split("-");
            if (bounds.length != 2) {
                throw new IllegalArgumentException("expected HH:mm-HH:mm in routing.hours.weekly, got: " + part);
            }
            windows.add(new Window(LocalTime.parse(bounds[0].trim()), LocalTime.parse(bounds[1].trim())));
        }
        return windows;
    }
}
