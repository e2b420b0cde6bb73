package org.supportflow.analytics.actions;

import org.junit.jupiter.api.Test;
import org.supportflow.analytics.summary.TimeRange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ActionsAssemblerTest {

    private static final TimeRange RANGE = new TimeRange(Instant.parse("2026-03-02T00:00:00Z"),
            Instant.parse("2026-03-03T00:00:00Z"));
    private static final Instant NOW = Instant.parse("2026-03-04T00:00:00Z");

    @Test
    void ratiosAndSortedNamesAndOutcomes() {
        var order = new ActionsRepository.ActionRow("order_status", 4, 1, 850.0, 2580.0, 3, 1, 1, 1, 1,
                Map.of("timeout", 1L, "ok", 2L, "status_404", 1L));
        var account = new ActionsRepository.ActionRow("account_balance", 0, 0, null, null, 0, 0, 0, 0, 2, Map.of());

        ActionsReport report = ActionsAssembler.assemble(RANGE, Optional.of("web"), List.of(order, account), NOW);

        assertThat(report.channelId()).isEqualTo("web");
        assertThat(report.from()).isEqualTo(RANGE.from());
        assertThat(report.actions()).extracting(ActionsReport.ActionFigures::action)
                .containsExactly("account_balance", "order_status");
        ActionsReport.ActionFigures figures = report.actions().get(1);
        assertThat(figures.outcomes().keySet()).containsExactly("ok", "status_404", "timeout");
        assertThat(figures.failureRate()).isEqualTo(0.25);
        assertThat(figures.forms().completionRate()).isEqualTo(1.0 / 3);
        ActionsReport.ActionFigures none = report.actions().get(0);
        assertThat(none.failureRate()).isNull();
        assertThat(none.meanMillis()).isNull();
        assertThat(none.forms().completionRate()).isNull();
        assertThat(none.identityRequired()).isEqualTo(2);
    }

    @Test
    void moreFormsCanCompleteThanStartInARange() {
        // started before the range, completed in it
        assertThat(ActionsAssembler.completionRate(2, 1)).isEqualTo(2.0);
        assertThat(ActionsAssembler.completionRate(0, 0)).isNull();
    }
}
