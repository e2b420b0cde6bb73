package org.supportflow.contracts.hours;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening and business-time arithmetic on a Seoul weekday schedule (2026-11-23 is a Monday). */
class BusinessHoursTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Map<String, String> WEEKDAYS = Map.of(
            "monday", "09:00-18:00", "tuesday", "09:00-18:00", "wednesday", "09:00-18:00",
            "thursday", "09:00-18:00", "friday", "09:00-18:00");

    private final BusinessHours hours = BusinessHours.parse("Asia/Seoul", WEEKDAYS, Set.of());

    private static Instant seoul(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SEOUL).toInstant();
    }

    private static ZonedDateTime seoulTime(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SEOUL);
    }

    // ---- open or closed, and when agents are back

    @Test
    void openOnAWeekdayWithinTheWindowInTheConfiguredZone() {
        // Monday 10:00 in Seoul is 01:00 UTC: open although 01:00 would be closed in UTC.
        assertThat(hours.isOpen(Instant.parse("2026-11-23T01:00:00Z"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-11-23T00:00:00Z"))).isTrue();   // 09:00 in Seoul
        assertThat(hours.isOpen(Instant.parse("2026-11-23T09:00:00Z"))).isFalse();  // 18:00 in Seoul
    }

    @Test
    void theWindowOpensInclusiveAndClosesExclusive() {
        assertThat(hours.isOpen(seoul("2026-11-23T09:00:00"))).isTrue();
        assertThat(hours.isOpen(seoul("2026-11-23T08:59:59"))).isFalse();
        assertThat(hours.isOpen(seoul("2026-11-23T17:59:59"))).isTrue();
        assertThat(hours.isOpen(seoul("2026-11-23T18:00:00"))).isFalse();
    }

    @Test
    void friday18IsClosedUntilMonday9() {
        assertThat(hours.isOpen(seoul("2026-11-27T18:30:00"))).isFalse();
        assertThat(hours.nextOpening(seoul("2026-11-27T18:30:00"))).contains(seoulTime("2026-11-30T09:00:00"));
    }

    @Test
    void theWeekendIsClosed() {
        assertThat(hours.isOpen(seoul("2026-11-28T11:00:00"))).isFalse();
        assertThat(hours.nextOpening(seoul("2026-11-28T11:00:00"))).contains(seoulTime("2026-11-30T09:00:00"));
    }

    @Test
    void beforeOpeningTheNextOpeningIsTheSameDay() {
        assertThat(hours.nextOpening(seoul("2026-11-24T07:00:00"))).contains(seoulTime("2026-11-24T09:00:00"));
    }

    @Test
    void theNextOpeningIsStrictlyLater() {
        assertThat(hours.nextOpening(seoul("2026-11-24T09:00:00"))).contains(seoulTime("2026-11-25T09:00:00"));
    }

    @Test
    void aHolidayIsClosedAndSkipped() {
        BusinessHours withChristmas = BusinessHours.parse("Asia/Seoul", WEEKDAYS, Set.of(LocalDate.of(2026, 12, 25)));

        assertThat(withChristmas.isOpen(seoul("2026-12-25T10:00:00"))).isFalse();
        assertThat(withChristmas.nextOpening(seoul("2026-12-24T19:00:00"))).contains(seoulTime("2026-12-28T09:00:00"));
    }

    @Test
    void holidaysAreLocalDatesInTheConfiguredZone() {
        // 2026-12-25 00:30 in Seoul is still 2026-12-24 in UTC: closed because of the Seoul date.
        BusinessHours fridays = new BusinessHours(SEOUL, Map.of(DayOfWeek.FRIDAY,
                List.of(new BusinessHours.Window(LocalTime.MIDNIGHT, LocalTime.of(23, 0)))), Set.of(LocalDate.of(2026, 12, 25)));

        assertThat(fridays.isOpen(Instant.parse("2026-12-24T15:30:00Z"))).isFalse();
    }

    @Test
    void severalWindowsADay() {
        BusinessHours lunchBreak = BusinessHours.parse("Asia/Seoul", Map.of("monday", "09:00-12:00, 13:00-18:00"),
                Set.of());

        assertThat(lunchBreak.isOpen(seoul("2026-11-23T12:30:00"))).isFalse();
        assertThat(lunchBreak.nextOpening(seoul("2026-11-23T12:30:00"))).contains(seoulTime("2026-11-23T13:00:00"));
        assertThat(lunchBreak.isOpen(seoul("2026-11-23T13:00:00"))).isTrue();
        assertThat(lunchBreak.plus(seoul("2026-11-23T11:00:00"), Duration.ofHours(2)))
                .isEqualTo(seoul("2026-11-23T14:00:00"));
    }

    // ---- business-time arithmetic (SLA targets)

    @Test
    void addsWithinTheSameDay() {
        assertThat(hours.plus(seoul("2026-11-23T10:00:00"), Duration.ofHours(2))).isEqualTo(seoul("2026-11-23T12:00:00"));
    }

    @Test
    void carriesOverToTheNextWorkingDay() {
        assertThat(hours.plus(seoul("2026-11-23T17:00:00"), Duration.ofHours(2))).isEqualTo(seoul("2026-11-24T10:00:00"));
    }

    @Test
    void startsCountingAtTheNextOpeningWhenClosed() {
        assertThat(hours.plus(seoul("2026-11-23T07:30:00"), Duration.ofMinutes(30)))
                .isEqualTo(seoul("2026-11-23T09:30:00"));
        assertThat(hours.plus(seoul("2026-11-23T20:00:00"), Duration.ofHours(1))).isEqualTo(seoul("2026-11-24T10:00:00"));
    }

    @Test
    void skipsTheWeekendAndHolidays() {
        assertThat(hours.plus(seoul("2026-11-27T16:00:00"), Duration.ofHours(4))).isEqualTo(seoul("2026-11-30T11:00:00"));
        assertThat(hours.plus(seoul("2026-11-28T12:00:00"), Duration.ofHours(1))).isEqualTo(seoul("2026-11-30T10:00:00"));
        BusinessHours withHoliday = BusinessHours.parse("Asia/Seoul", WEEKDAYS, Set.of(LocalDate.parse("2026-11-24")));
        assertThat(withHoliday.plus(seoul("2026-11-23T17:00:00"), Duration.ofHours(2)))
                .isEqualTo(seoul("2026-11-25T10:00:00"));
    }

    @Test
    void spansSeveralDaysForLongTargets() {
        // 24 business hours from Monday 09:00 = Monday, Tuesday (18h) + 6h Wednesday
        assertThat(hours.plus(seoul("2026-11-23T09:00:00"), Duration.ofHours(24)))
                .isEqualTo(seoul("2026-11-25T15:00:00"));
    }

    @Test
    void zeroIsTheNextBusinessInstant() {
        assertThat(hours.plus(seoul("2026-11-23T10:00:00"), Duration.ZERO)).isEqualTo(seoul("2026-11-23T10:00:00"));
        assertThat(hours.plus(seoul("2026-11-28T10:00:00"), Duration.ZERO)).isEqualTo(seoul("2026-11-30T09:00:00"));
    }

    @Test
    void measuresBusinessTimeBetweenInstants() {
        assertThat(hours.between(seoul("2026-11-23T17:00:00"), seoul("2026-11-24T10:00:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(hours.between(seoul("2026-11-27T17:00:00"), seoul("2026-11-30T09:30:00")))
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(hours.between(seoul("2026-11-28T10:00:00"), seoul("2026-11-29T10:00:00"))).isZero();
        assertThat(hours.between(seoul("2026-11-24T10:00:00"), seoul("2026-11-23T10:00:00"))).isZero();
    }

    @Test
    void plusAndBetweenAgree() {
        Instant start = seoul("2026-11-26T15:17:00");
        Duration target = Duration.ofHours(13).plusMinutes(11);
        assertThat(hours.between(start, hours.plus(start, target))).isEqualTo(target);
    }

    // ---- settings as text

    @Test
    void parsesDaysAndWindows() {
        assertThat(BusinessHours.parseDay("Monday")).isEqualTo(DayOfWeek.MONDAY);
        assertThat(BusinessHours.parseDay(" sat")).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(BusinessHours.parseWindows("closed")).isEmpty();
        assertThat(BusinessHours.parseWindows("")).isEmpty();
        assertThat(BusinessHours.parseWindows("09:00-12:00,13:00-18:00")).containsExactly(
                new BusinessHours.Window(LocalTime.of(9, 0), LocalTime.NOON),
                new BusinessHours.Window(LocalTime.of(13, 0), LocalTime.of(18, 0)));
    }

    @Test
    void rejectsBrokenSchedules() {
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of("sunday", "closed"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of("funday", "09:00-18:00"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of("monday", "18:00-09:00"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of("monday", "9 to 5"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of("monday", "09:00-12:00,11:00-13:00"),
                Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hours.plus(Instant.now(), Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
