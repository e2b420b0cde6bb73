package org.supportflow.ticket.sla;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Business-time arithmetic on a Seoul weekday schedule (2026-11-23 is a Monday). */
class BusinessHoursTest {

    private static final Map<String, String> WEEKDAYS = Map.of(
            "monday", "09:00-18:00", "tuesday", "09:00-18:00", "wednesday", "09:00-18:00",
            "thursday", "09:00-18:00", "friday", "09:00-18:00");

    private final BusinessHours hours = BusinessHours.parse("Asia/Seoul", WEEKDAYS, Set.of());

    private static Instant seoul(String localDateTime) {
        return ZonedDateTime.parse(localDateTime + "+09:00[Asia/Seoul]").toInstant();
    }

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
    void skipsTheWeekend() {
        assertThat(hours.plus(seoul("2026-11-27T16:00:00"), Duration.ofHours(4))).isEqualTo(seoul("2026-11-30T11:00:00"));
        assertThat(hours.plus(seoul("2026-11-28T12:00:00"), Duration.ofHours(1))).isEqualTo(seoul("2026-11-30T10:00:00"));
    }

    @Test
    void skipsHolidays() {
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
    void supportsSplitWindows() {
        BusinessHours lunchBreak = BusinessHours.parse("Asia/Seoul", Map.of("monday", "09:00-12:00,13:00-18:00"),
                Set.of());
        assertThat(lunchBreak.plus(seoul("2026-11-23T11:00:00"), Duration.ofHours(2)))
                .isEqualTo(seoul("2026-11-23T14:00:00"));
        assertThat(lunchBreak.isOpen(seoul("2026-11-23T12:30:00"))).isFalse();
        assertThat(lunchBreak.isOpen(seoul("2026-11-23T13:00:00"))).isTrue();
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

    @Test
    void openingHoursAreInTheConfiguredZone() {
        assertThat(hours.isOpen(Instant.parse("2026-11-23T00:00:00Z"))).isTrue();   // 09:00 in Seoul
        assertThat(hours.isOpen(Instant.parse("2026-11-23T09:00:00Z"))).isFalse();  // 18:00 in Seoul
    }

    @Test
    void rejectsBrokenSchedules() {
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of("funday", "09:00-18:00"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of("monday", "18:00-09:00"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parse("Asia/Seoul", Map.of("monday", "09:00-12:00,11:00-13:00"),
                Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hours.plus(Instant.now(), Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
