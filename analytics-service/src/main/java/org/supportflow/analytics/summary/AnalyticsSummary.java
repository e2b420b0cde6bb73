package org.supportflow.analytics.summary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The operators' summary of a time range (CONTRACT.md §3), as served by
 * {@code GET /api/v1/analytics/summary}. Ratios, percentiles and averages are {@code null} when the
 * range has nothing to compute them from. Durations are in seconds.
 *
 * @param automationRate  conversations whose messages were all answered by the bot / conversations
 * @param handoffRate     conversations with at least one message routed to a human / conversations
 * @param handoffs        messages routed to a human as a new handoff ({@code HUMAN}) in the range
 * @param handoffReasons  handoffs per reason key of CONTRACT.md §6 (every key present)
 * @param firstResponses  tickets whose first agent reply is in the range (the sample of the P50/P90)
 * @param resolutions     tickets first solved in the range (the sample of the P50/P90)
 * @param csatAverage     mean of the latest score (1–5) of each ticket rated in the range
 * @param unrecognized    the most recent messages the bot did not understand (masked text only; erased
 *                        texts are left out, {@code unrecognizedCount} still counts them)
 */
public record AnalyticsSummary(
        Instant from,
        Instant to,
        Instant generatedAt,
        long conversations,
        long messages,
        Double automationRate,
        Double handoffRate,
        long handoffs,
        Map<String, Long> handoffReasons,
        Double firstResponseSecondsP50,
        Double firstResponseSecondsP90,
        long firstResponses,
        Double resolutionSecondsP50,
        Double resolutionSecondsP90,
        long resolutions,
        Double csatAverage,
        long csatResponses,
        long ticketsCreated,
        long slaBreaches,
        List<IntentCount> topIntents,
        long unrecognizedCount,
        List<UnrecognizedMessage> unrecognized,
        List<ChannelSummary> byChannel,
        List<DaySummary> trend) {

    public record IntentCount(String intent, long count) {
    }

    public record UnrecognizedMessage(Instant receivedAt, String channelId, String channelType, String language,
                                      String intent, Double confidence, String maskedText) {
    }

    public record ChannelSummary(String channelId, String channelType, long conversations, long messages,
                                 long handoffs, Double automationRate, Double handoffRate) {
    }

    public record DaySummary(LocalDate date, long conversations, long messages, long handoffs,
                             Double automationRate) {
    }
}
