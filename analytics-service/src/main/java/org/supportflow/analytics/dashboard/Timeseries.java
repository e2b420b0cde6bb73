package org.supportflow.analytics.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/analytics/timeseries}: the dashboard's figures per hour or day. Undefined ratios are null. */
public record Timeseries(
        Instant from,
        Instant to,
        String bucket,
        String channelId,
        Instant generatedAt,
        List<String> channels,
        Totals totals,
        List<Point> points,
        List<IntentTrend> topIntents,
        List<ChannelCsat> csatByChannel) {

    /** The figures of the whole range (percentiles over all of its durations, not an average of points). */
    public record Totals(long conversations, long messages, long involved, long answered, long deflected,
                         long resolved, Double involvementRate, Double answerRate, Double deflectionRate,
                         Double resolutionRate, Double automationRate, long handoffs, long handedOffConversations,
                         long unrecognized, Map<String, Long> handoffReasons, Double firstResponseSecondsP50,
                         Double firstResponseSecondsP90, Double resolutionSecondsP50, Double resolutionSecondsP90,
                         Double csatAverage, long csatResponses) {
    }

    /** One bucket, starting at {@code start}. */
    public record Point(Instant start, long conversations, long messages, long involved, long answered,
                        long deflected, long resolved, Double involvementRate, Double answerRate,
                        Double deflectionRate, Double resolutionRate, Double automationRate, long handoffs,
                        long handedOffConversations, long unrecognized, Map<String, Long> handoffReasons,
                        Double firstResponseSecondsP50, Double firstResponseSecondsP90,
                        Double resolutionSecondsP50, Double resolutionSecondsP90, Map<String, Double> csatByChannel) {
    }

    /** An intent among the range's most frequent, with its count per point (aligned with {@code points}). */
    public record IntentTrend(String intent, long count, List<Long> trend) {
    }

    public record ChannelCsat(String channelId, Double average, long responses) {
    }
}
