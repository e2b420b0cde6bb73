package org.supportflow.analytics.actions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The domain actions' figures of a time range, as served by {@code GET /api/v1/analytics/actions}: one entry per
 * action name that did anything with a customer message received in the range, sorted by name. Names and outcomes
 * only: no slot or response value ever reaches analytics. Ratios and times are {@code null} when there is
 * nothing to compute them from.
 *
 * @param channelId the channel filter, null for all channels
 */
public record ActionsReport(Instant from, Instant to, Instant generatedAt, String channelId,
                            List<ActionFigures> actions) {

    /**
     * @param calls            calls to the company's system ({@code CALLED} steps)
     * @param outcomes         calls per outcome ({@code ok}, {@code status_404}, {@code timeout}...), sorted by outcome
     * @param failures         calls that failed ({@code ActionStep.Call.failed()}: neither {@code ok} nor
     *                         {@code status_<code>})
     * @param failureRate      failures / calls
     * @param meanMillis       mean duration of the calls
     * @param p95Millis        95th percentile of the calls' durations, interpolated (PostgreSQL {@code percentile_cont})
     * @param identityRequired times the bot asked the customer to sign in first
     */
    public record ActionFigures(String action, long calls, Map<String, Long> outcomes, long failures,
                                Double failureRate, Double meanMillis, Double p95Millis, Forms forms,
                                long identityRequired) {
    }

    /**
     * Forms (the bot asking for missing slots over several messages), each figure counted at the message it
     * happened with.
     *
     * @param started        first questions of a form ({@code ASKED} with attempt 0)
     * @param completed      calls that ended a form ({@code CALLED} with {@code completesForm})
     * @param abandoned      forms left when the customer changed topic or asked for a person
     * @param gaveUp         forms given up after the allowed attempts (a person takes over)
     * @param completionRate completed / started; null when no form started. Both are counted by the time of their
     *                       own message, so a form started before the range and completed in it can lift the rate
     *                       of a short range above what its own forms did (even above 1)
     */
    public record Forms(long started, long completed, long abandoned, long gaveUp, Double completionRate) {
    }
}
