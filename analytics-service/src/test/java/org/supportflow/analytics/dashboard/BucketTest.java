package org.supportflow.analytics.dashboard;

import org.junit.jupiter.api.Test;
import org.supportflow.web.ApiException;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BucketTest {

    private static final Instant FROM = Instant.parse("2026-03-02T10:30:00Z");

    @Test
    void hoursCoverTheRangeFromTheHourHoldingItsStart() {
        assertThat(Bucket.HOUR.starts(FROM, Instant.parse("2026-03-02T13:00:00Z"))).containsExactly(
                Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T11:00:00Z"),
                Instant.parse("2026-03-02T12:00:00Z"));
        assertThat(Bucket.DAY.starts(FROM, Instant.parse("2026-03-04T00:00:01Z"))).containsExactly(
                Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"),
                Instant.parse("2026-03-04T00:00:00Z"));
    }

    @Test
    void theDefaultIsHoursUpToTwoDaysAndDaysBeyond() {
        assertThat(Bucket.parse(null, FROM, FROM.plusSeconds(48 * 3600))).isEqualTo(Bucket.HOUR);
        assertThat(Bucket.parse(" ", FROM, FROM.plusSeconds(48 * 3600 + 1))).isEqualTo(Bucket.DAY);
        assertThat(Bucket.parse("Day", FROM, FROM.plusSeconds(3600))).isEqualTo(Bucket.DAY);
    }

    @Test
    void unknownBucketsAndTooManyPointsAreBadRequests() {
        assertThatThrownBy(() -> Bucket.parse("week", FROM, FROM.plusSeconds(3600)))
                .isInstanceOf(ApiException.class).hasMessageContaining("'bucket'");
        assertThatThrownBy(() -> Bucket.parse("hour", FROM, FROM.plusSeconds(31L * 24 * 3600 + 7200)))
                .isInstanceOf(ApiException.class).hasMessageContaining("at most 744");
        assertThat(Bucket.parse("hour", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")))
                .isEqualTo(Bucket.HOUR);
    }

    @Test
    void channelIdsAreCheckedNotTrusted() {
        assertThat(ChannelFilter.parse(null)).isEmpty();
        assertThat(ChannelFilter.parse(" demo-web ")).contains("demo-web");
        assertThatThrownBy(() -> ChannelFilter.parse("a b")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ChannelFilter.parse("x".repeat(129))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ChannelFilter.parse("web'--")).isInstanceOf(ApiException.class);
    }
}
