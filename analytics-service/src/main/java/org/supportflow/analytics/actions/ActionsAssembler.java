package org.supportflow.analytics.actions;

import org.supportflow.analytics.summary.Rates;
import org.supportflow.analytics.summary.TimeRange;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Turns the actions' counts into the report: ratios, sorted names and outcomes. */
public final class ActionsAssembler {

    private ActionsAssembler() {
    }

    public static ActionsReport assemble(TimeRange range, Optional<String> channelId,
                                         List<ActionsRepository.ActionRow> rows, Instant generatedAt) {
        List<ActionsReport.ActionFigures> actions = rows.stream()
                .sorted(Comparator.comparing(ActionsRepository.ActionRow::action))
                .map(ActionsAssembler::figures)
                .toList();
        return new ActionsReport(range.from(), range.to(), generatedAt, channelId.orElse(null), actions);
    }

    static ActionsReport.ActionFigures figures(ActionsRepository.ActionRow row) {
        boolean called = row.calls() > 0;
        return new ActionsReport.ActionFigures(
                row.action(),
                row.calls(),
                new TreeMap<>(row.outcomes()),
                row.failures(),
                Rates.ratio(row.failures(), row.calls()),
                called ? row.meanMillis() : null,
                called ? row.p95Millis() : null,
                new ActionsReport.Forms(row.started(), row.completed(), row.abandoned(), row.gaveUp(),
                        completionRate(row.completed(), row.started())),
                row.identityRequired());
    }

    /**
     * completed / started, null when no form started. Not {@link Rates#ratio}: both are counted by their own
     * message's time, so at a range's edge more forms can complete than start in it.
     */
    static Double completionRate(long completed, long started) {
        return started == 0 ? null : (double) completed / started;
    }
}
