package org.supportflow.contracts.hours;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HoursSettingsTest {

    @Test
    void readsZoneWeekAndHolidaysFromTheSharedKeys() {
        Map<String, String> settings = Map.of(
                "supportflow.hours.zone", "Europe/Berlin",
                "supportflow.hours.weekly.saturday", "10:00-14:00",
                "supportflow.hours.weekly.sunday", "closed",
                "supportflow.hours.holidays", " 2026-11-28 , 2026-12-05,");

        BusinessHours hours = HoursSettings.read(key -> Optional.ofNullable(settings.get(key)));

        assertThat(hours.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(hours.isOpen(Instant.parse("2026-11-21T10:00:00Z"))).as("Saturday 11:00 in Berlin").isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-11-23T10:00:00Z"))).as("Monday: no setting, closed").isFalse();
        assertThat(hours.isOpen(Instant.parse("2026-11-28T10:00:00Z"))).as("a holiday").isFalse();
    }

    @Test
    void aMissingZoneOrABadDateFailsInsteadOfGuessing() {
        assertThatThrownBy(() -> HoursSettings.read(key -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supportflow.hours.zone");
        Map<String, String> badDate = Map.of("supportflow.hours.zone", "Asia/Seoul",
                "supportflow.hours.weekly.monday", "09:00-18:00", "supportflow.hours.holidays", "25.12.2026");
        assertThatThrownBy(() -> HoursSettings.read(key -> Optional.ofNullable(badDate.get(key))))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void theShippedDefaultsAreWeekdaysNineToSixInSeoulWithHolidays() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = HoursSettings.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(in);
        }
        // the file's ${ENV:default} expressions are expanded by MicroProfile Config; take their defaults here
        BusinessHours hours = HoursSettings.read(key -> Optional.ofNullable(shipped.getProperty(key))
                .map(value -> value.replaceAll("^\\$\\{[A-Z_]+:(.*)}$", "$1")));

        assertThat(hours.zone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(hours.isOpen(Instant.parse("2026-11-23T01:00:00Z"))).as("Monday 10:00 in Seoul").isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-11-28T01:00:00Z"))).as("Saturday").isFalse();
        assertThat(hours.isOpen(LocalDate.parse("2026-12-25").atTime(10, 0).atZone(hours.zone()).toInstant()))
                .as("Christmas, a Friday").isFalse();
    }
}
