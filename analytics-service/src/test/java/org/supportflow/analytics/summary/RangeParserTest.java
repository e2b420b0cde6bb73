package org.supportflow.analytics.summary;

import org.junit.jupiter.api.Test;
import org.supportflow.web.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RangeParserTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");
    private final RangeParser parser = new RangeParser(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(7),
            Duration.ofDays(400));

    @Test
    void defaultsToTheLastSevenDays() {
        TimeRange range = parser.parse(null, null);
        assertThat(range.to()).isEqualTo(NOW);
        assertThat(range.from()).isEqualTo(Instant.parse("2026-11-16T09:30:00Z"));
    }

    @Test
    void readsInstantsAndOffsets() {
        TimeRange range = parser.parse("2026-11-01T10:00:00Z", "2026-11-02T12:00:00+02:00");
        assertThat(range.from()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
    }

    @Test
    void datesCoverWholeDaysInclusive() {
        TimeRange range = parser.parse("2026-11-01", "2026-11-02");
        assertThat(range.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
    }

    @Test
    void oneMissingBoundFollowsTheOther() {
        assertThat(parser.parse(null, "2026-11-10T00:00:00Z").from()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(parser.parse("2026-11-20T00:00:00Z", null).to()).isEqualTo(NOW);
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> parser.parse("yesterday", null))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("invalid_parameter"))
                .hasMessageContaining("from");
        assertThatThrownBy(() -> parser.parse(null, "2026-13-45"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("to");
    }

    @Test
    void refusesInvertedAndEmptyRanges() {
        assertThatThrownBy(() -> parser.parse("2026-11-02T00:00:00Z", "2026-11-01T00:00:00Z"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("invalid_range"));
        assertThatThrownBy(() -> parser.parse("2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> parser.parse("2026-12-01T00:00:00Z", null))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void refusesRangesLongerThanTheMaximum() {
        assertThatThrownBy(() -> parser.parse("2024-01-01", "2026-01-01"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("range_too_large"));
    }
}
