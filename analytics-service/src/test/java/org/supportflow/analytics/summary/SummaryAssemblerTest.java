package org.supportflow.analytics.summary;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummaryAssemblerTest {

    private static final TimeRange RANGE = new TimeRange(Instant.parse("2026-03-02T00:00:00Z"),
            Instant.parse("2026-03-03T00:00:00Z"));
    private static final Instant NOW = Instant.parse("2026-03-04T00:00:00Z");

    @Test
    void computesRatesPercentilesAndAverages() {
        Map<String, Long> reasons = new HashMap<>();
        reasons.put("requested", 2L);
        reasons.put(null, 1L);
        SummaryFacts facts = new SummaryFacts(4, 1, 9, 3, reasons,
                List.of(new AnalyticsSummary.IntentCount("order_status", 5)), 2, List.of(),
                List.of(60.0, 120.0, 300.0), List.of(3600.0), 13, 3, 2, 1,
                List.of(new SummaryFacts.ChannelFacts("demo-web", "web", 4, 1, 9, 3)),
                List.of(new SummaryFacts.DayFacts(LocalDate.of(2026, 3, 2), 4, 1, 9, 3)));

        AnalyticsSummary summary = SummaryAssembler.assemble(RANGE, facts, NOW);

        assertThat(summary.conversations()).isEqualTo(4);
        assertThat(summary.automationRate()).isEqualTo(0.75);
        assertThat(summary.handoffRate()).isEqualTo(0.25);
        assertThat(summary.firstResponseSecondsP50()).isEqualTo(120.0);
        assertThat(summary.firstResponseSecondsP90()).isCloseTo(264.0, within(1e-9));
        assertThat(summary.firstResponses()).isEqualTo(3);
        assertThat(summary.resolutionSecondsP50()).isEqualTo(3600.0);
        assertThat(summary.resolutions()).isEqualTo(1);
        assertThat(summary.csatAverage()).isCloseTo(13.0 / 3, within(1e-9));
        assertThat(summary.handoffReasons())
                .containsEntry("requested", 2L)
                .containsEntry("vip", 0L)
                .containsEntry(SummaryAssembler.UNKNOWN_REASON, 1L)
                .containsKeys("intent_policy", "negative_sentiment", "urgent", "low_confidence",
                        "repeated_fallback", "after_hours");
        assertThat(summary.byChannel()).singleElement().satisfies(channel -> {
            assertThat(channel.automationRate()).isEqualTo(0.75);
            assertThat(channel.handoffRate()).isEqualTo(0.25);
        });
        assertThat(summary.trend()).singleElement().satisfies(day -> assertThat(day.automationRate()).isEqualTo(0.75));
        assertThat(summary.from()).isEqualTo(RANGE.from());
        assertThat(summary.generatedAt()).isEqualTo(NOW);
    }

    @Test
    void emptyRangeHasCountsOfZeroAndNoRates() {
        SummaryFacts facts = new SummaryFacts(0, 0, 0, 0, Map.of(), List.of(), 0, List.of(), List.of(), List.of(),
                0, 0, 0, 0, List.of(), List.of());

        AnalyticsSummary summary = SummaryAssembler.assemble(RANGE, facts, NOW);

        assertThat(summary.conversations()).isZero();
        assertThat(summary.automationRate()).isNull();
        assertThat(summary.handoffRate()).isNull();
        assertThat(summary.firstResponseSecondsP50()).isNull();
        assertThat(summary.resolutionSecondsP90()).isNull();
        assertThat(summary.csatAverage()).isNull();
        assertThat(summary.handoffReasons()).hasSize(org.supportflow.contracts.taxonomy.HandoffReason.values().length).allSatisfy((reason, count) -> assertThat(count).isZero());
    }
}
