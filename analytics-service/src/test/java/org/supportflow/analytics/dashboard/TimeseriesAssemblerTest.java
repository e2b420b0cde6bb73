package org.supportflow.analytics.dashboard;

import org.junit.jupiter.api.Test;
import org.supportflow.analytics.dashboard.TimeseriesFacts.ConversationRow;
import org.supportflow.analytics.dashboard.TimeseriesFacts.Csat;
import org.supportflow.analytics.dashboard.TimeseriesFacts.Duration;
import org.supportflow.analytics.dashboard.TimeseriesFacts.KeyCount;
import org.supportflow.analytics.dashboard.TimeseriesFacts.MessageRow;
import org.supportflow.analytics.summary.TimeRange;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class TimeseriesAssemblerTest {

    private static final Instant H10 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant H11 = Instant.parse("2026-03-02T11:00:00Z");
    private static final Instant H12 = Instant.parse("2026-03-02T12:00:00Z");
    private static final TimeRange RANGE = new TimeRange(H10, Instant.parse("2026-03-02T13:00:00Z"));
    private static final Instant NOW = Instant.parse("2026-03-03T00:00:00Z");

    private static TimeseriesFacts facts() {
        return new TimeseriesFacts(
                Arrays.asList("demo-web", null, "demo-kakao"),
                List.of(new ConversationRow(H10, new AutomationFigures(4, 3, 2, 2, 1), 2),
                        new ConversationRow(H12, new AutomationFigures(1, 1, 1, 1, 1), 0)),
                List.of(new MessageRow(H10, 7, 2, 1), new MessageRow(H12, 2, 0, 0)),
                List.of(new KeyCount(H10, "requested", 1), new KeyCount(H10, null, 1)),
                List.of(new Duration(H10, 60), new Duration(H10, 180), new Duration(H12, 600)),
                List.of(new Duration(H12, 3600)),
                List.of(new Csat(H10, "demo-web", 9, 2), new Csat(H12, "demo-web", 3, 1), new Csat(H12, null, 4, 1)),
                List.of(new KeyCount(H10, "order_status", 3), new KeyCount(H12, "order_status", 1),
                        new KeyCount(H10, "greeting", 2), new KeyCount(H12, "refund_request", 2),
                        new KeyCount(H10, null, 1)));
    }

    @Test
    void everyBucketOfTheRangeIsAPointAndGapsAreZero() {
        Timeseries series = TimeseriesAssembler.assemble(RANGE, Bucket.HOUR, Optional.of("demo-web"), 5, facts(), NOW);
        assertThat(series.points()).extracting(Timeseries.Point::start).containsExactly(H10, H11, H12);
        Timeseries.Point gap = series.points().get(1);
        assertThat(gap.conversations()).isZero();
        assertThat(gap.messages()).isZero();
        assertThat(gap.automationRate()).isNull();
        assertThat(gap.firstResponseSecondsP50()).isNull();
        assertThat(gap.handoffReasons()).containsEntry("requested", 0L);
        assertThat(series.bucket()).isEqualTo("hour");
        assertThat(series.channelId()).isEqualTo("demo-web");
        assertThat(series.channels()).containsExactly("demo-kakao", "demo-web", "unknown");
    }

    @Test
    void pointsCarryTheirRatesPercentilesAndReasons() {
        Timeseries.Point first = TimeseriesAssembler.assemble(RANGE, Bucket.HOUR, Optional.empty(), 5, facts(), NOW)
                .points().get(0);
        assertThat(first.conversations()).isEqualTo(4);
        assertThat(first.messages()).isEqualTo(7);
        assertThat(first.involvementRate()).isEqualTo(0.75);
        assertThat(first.resolutionRate()).isEqualTo(1.0 / 3);
        assertThat(first.automationRate()).isEqualTo(0.25);
        assertThat(first.handedOffConversations()).isEqualTo(2);
        assertThat(first.handoffReasons()).contains(entry("requested", 1L), entry("unknown", 1L));
        // percentile_cont of {60, 180}: p50 = 120, p90 = 60 + 0.9 * 120 = 168
        assertThat(first.firstResponseSecondsP50()).isEqualTo(120.0);
        assertThat(first.firstResponseSecondsP90()).isEqualTo(168.0);
        assertThat(first.csatByChannel()).containsExactly(entry("demo-web", 4.5));
    }

    @Test
    void totalsAddThePointsUpAndTakePercentilesOverTheWholeRange() {
        Timeseries.Totals totals = TimeseriesAssembler.assemble(RANGE, Bucket.HOUR, Optional.empty(), 5, facts(), NOW)
                .totals();
        assertThat(totals.conversations()).isEqualTo(5);
        assertThat(totals.messages()).isEqualTo(9);
        assertThat(totals.involvementRate()).isEqualTo(0.8);
        assertThat(totals.resolutionRate()).isEqualTo(0.5);
        assertThat(totals.automationRate()).isEqualTo(0.4);
        assertThat(totals.unrecognized()).isEqualTo(1);
        assertThat(totals.handoffs()).isEqualTo(2);
        assertThat(totals.firstResponseSecondsP50()).isEqualTo(180.0);
        assertThat(totals.resolutionSecondsP90()).isEqualTo(3600.0);
        // latest scores: web 9/2 + 3/1, unknown channel 4/1 -> (9 + 3 + 4) / 4
        assertThat(totals.csatAverage()).isEqualTo(4.0);
        assertThat(totals.csatResponses()).isEqualTo(4);
    }

    @Test
    void csatPerChannelAndTopIntentsWithTheirTrend() {
        Timeseries series = TimeseriesAssembler.assemble(RANGE, Bucket.HOUR, Optional.empty(), 2, facts(), NOW);
        assertThat(series.csatByChannel()).containsExactly(
                new Timeseries.ChannelCsat("demo-web", 4.0, 3), new Timeseries.ChannelCsat("unknown", 4.0, 1));
        // order_status 4; greeting and refund_request tie at 2: by name
        assertThat(series.topIntents()).containsExactly(
                new Timeseries.IntentTrend("order_status", 4, List.of(3L, 0L, 1L)),
                new Timeseries.IntentTrend("greeting", 2, List.of(2L, 0L, 0L)));
    }
}
