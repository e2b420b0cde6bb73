package org.supportflow.analytics.summary;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The raw figures of a time range as the facts store answers them; {@link SummaryAssembler} turns them
 * into the {@link AnalyticsSummary} (rates, percentiles, averages).
 *
 * @param conversations          conversations with at least one customer message in the range
 * @param handedOffConversations of those, the ones with at least one message routed to a human
 * @param handoffs               messages in the range routed {@code HUMAN} (a new handoff)
 * @param handoffReasons         handoffs per reason key ({@code null} key: no reason given)
 * @param firstResponseSeconds   per ticket whose first agent reply falls in the range: creation → reply
 * @param resolutionSeconds      per ticket first solved in the range: creation → solved
 * @param csatScoreSum           sum of the latest CSAT score of each ticket rated in the range
 */
public record SummaryFacts(
        long conversations,
        long handedOffConversations,
        long messages,
        long handoffs,
        Map<String, Long> handoffReasons,
        List<AnalyticsSummary.IntentCount> topIntents,
        long unrecognizedCount,
        List<AnalyticsSummary.UnrecognizedMessage> unrecognized,
        List<Double> firstResponseSeconds,
        List<Double> resolutionSeconds,
        long csatScoreSum,
        long csatResponses,
        long ticketsCreated,
        long slaBreaches,
        List<ChannelFacts> channels,
        List<DayFacts> days) {

    public record ChannelFacts(String channelId, String channelType, long conversations, long handedOffConversations,
                               long messages, long handoffs) {
    }

    public record DayFacts(LocalDate date, long conversations, long handedOffConversations, long messages,
                           long handoffs) {
    }
}
