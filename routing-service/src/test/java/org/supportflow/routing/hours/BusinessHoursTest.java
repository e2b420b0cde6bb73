package org.supportflow.routing.hours;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessHoursTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private static Map<DayOfWeek, List<BusinessHours.Window>> weekdays() {
        Map<DayOfWeek, List<BusinessHours.Window>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekly.put(day, BusinessHours.parseWindows("09:00-18:00"));
        }
        return weekly;
    }

    private static BusinessHours hours(Set<LocalDate> holidays, BusinessHours.Override override) {
        return new BusinessHours(SEOUL, weekdays(), holidays, override, Clock.systemUTC());
    }

    private static Instant seoul(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SEOUL).toInstant();
    }

    @Test
    void openOnAWeekdayWithinTheWindowInSeoulTime() {
        // Monday 2026-11-23 10:00 in Seoul is 01:00 UTC: open although 01:00 would be closed in UTC.
        var status = hours(Set.of(), BusinessHours.Override.SCHEDULE).status(Instant.parse("2026-11-23T01:00:00Z"));

        assertThat(status.open()).isTrue();
        assertThat(status.nextOpening()).isEmpty();
    }

    @Test
    void theWindowOpensInclusiveAndClosesExclusive() {
        var hours = hours(Set.of(), BusinessHours.Override.SCHEDULE);

        assertThat(hours.status(seoul("2026-11-23T09:00:00")).open()).isTrue();
        assertThat(hours.status(seoul("2026-11-23T08:59:59")).open()).isFalse();
        assertThat(hours.status(seoul("2026-11-23T17:59:59")).open()).isTrue();
        assertThat(hours.status(seoul("2026-11-23T18:00:00")).open()).isFalse();
    }

    @Test
    void friday18IsClosedUntilMonday9() {
        var status = hours(Set.of(), BusinessHours.Override.SCHEDULE).status(seoul("2026-11-27T18:30:00"));

        assertThat(status.open()).isFalse();
        assertThat(status.nextOpening()).contains(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, SEOUL));
    }

    @Test
    void weekendIsClosed() {
        var status = hours(Set.of(), BusinessHours.Override.SCHEDULE).status(seoul("2026-11-28T11:00:00"));

        assertThat(status.open()).isFalse();
        assertThat(status.nextOpening().orElseThrow().toLocalDateTime())
                .isEqualTo(java.time.LocalDateTime.parse("2026-11-30T09:00:00"));
    }

    @Test
    void beforeOpeningTheNextOpeningIsTheSameDay() {
        var status = hours(Set.of(), BusinessHours.Override.SCHEDULE).status(seoul("2026-11-24T07:00:00"));

        assertThat(status.nextOpening()).contains(ZonedDateTime.of(2026, 11, 24, 9, 0, 0, 0, SEOUL));
    }

    @Test
    void aHolidayIsClosedAndSkipped() {
        var christmas = LocalDate.of(2026, 12, 25);
        var hours = hours(Set.of(christmas), BusinessHours.Override.SCHEDULE);

        var status = hours.status(seoul("2026-12-24T19:00:00"));

        assertThat(hours.status(seoul("2026-12-25T10:00:00")).open()).isFalse();
        assertThat(status.nextOpening()).contains(ZonedDateTime.of(2026, 12, 28, 9, 0, 0, 0, SEOUL));
    }

    @Test
    void holidaysAreLocalDatesInTheConfiguredZone() {
        // 2026-12-25 00:30 in Seoul is still 2026-12-24 in UTC: closed because of the Seoul date.
        var hours = new BusinessHours(SEOUL, Map.of(DayOfWeek.FRIDAY, List.of(new BusinessHours.Window(
                LocalTime.MIDNIGHT, LocalTime.of(23, 0)))), Set.of(LocalDate.of(2026, 12, 25)),
                BusinessHours.Override.SCHEDULE, Clock.systemUTC());

        assertThat(hours.status(Instant.parse("2026-12-24T15:30:00Z")).open()).isFalse();
    }

    @Test
    void severalWindowsADay() {
        var weekly = Map.of(DayOfWeek.MONDAY, BusinessHours.parseWindows("09:00-12:00, 13:00-18:00"));
        var hours = new BusinessHours(SEOUL, weekly, Set.of(), BusinessHours.Override.SCHEDULE, Clock.systemUTC());

        assertThat(hours.status(seoul("2026-11-23T12:30:00")).open()).isFalse();
        assertThat(hours.status(seoul("2026-11-23T12:30:00")).nextOpening())
                .contains(ZonedDateTime.of(2026, 11, 23, 13, 0, 0, 0, SEOUL));
        assertThat(hours.status(seoul("2026-11-23T13:00:00")).open()).isTrue();
    }

    @Test
    void overridesForceOpenOrClosed() {
        Instant saturday = seoul("2026-11-28T11:00:00");
        Instant mondayMorning = seoul("2026-11-23T10:00:00");

        assertThat(hours(Set.of(), BusinessHours.Override.OPEN).status(saturday).open()).isTrue();
        var closed = hours(Set.of(), BusinessHours.Override.CLOSED).status(mondayMorning);
        assertThat(closed.open()).isFalse();
        assertThat(closed.nextOpening()).contains(ZonedDateTime.of(2026, 11, 24, 9, 0, 0, 0, SEOUL));
    }

    @Test
    void theInjectedClockDecides() {
        Clock saturday = Clock.fixed(seoul("2026-11-28T11:00:00"), ZoneOffset.UTC);
        Clock monday = Clock.fixed(seoul("2026-11-23T11:00:00"), ZoneOffset.UTC);

        assertThat(new BusinessHours(SEOUL, weekdays(), Set.of(), BusinessHours.Override.SCHEDULE, saturday).isOpen())
                .isFalse();
        assertThat(new BusinessHours(SEOUL, weekdays(), Set.of(), BusinessHours.Override.SCHEDULE, monday).isOpen())
                .isTrue();
    }

    @Test
    void aScheduleWithoutWindowsHasNoNextOpening() {
        var never = new BusinessHours(SEOUL, Map.of(), Set.of(), BusinessHours.Override.SCHEDULE, Clock.systemUTC());

        assertThat(never.status(Instant.parse("2026-11-23T01:00:00Z")).nextOpening()).isEmpty();
    }

    @Test
    void parsesDaysAndRejectsNonsense() {
        assertThat(BusinessHours.parseDay("Monday")).isEqualTo(DayOfWeek.MONDAY);
        assertThat(BusinessHours.parseDay("sat")).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(BusinessHours.parseWindows("closed")).isEmpty();
        assertThatThrownBy(() -> BusinessHours.parseDay("someday")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parseWindows("18:00-09:00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parseWindows("9 to 5")).isInstanceOf(IllegalArgumentException.class);
    }
}
