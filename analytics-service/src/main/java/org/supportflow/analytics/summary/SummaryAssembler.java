package org.supportflow.analytics.summary;

import org.supportflow.contracts.taxonomy.HandoffReason;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Computes the summary's rates, percentiles and averages from the raw figures; no I/O. */
public final class SummaryAssembler {

    /** The key under which handoffs without a reason are counted (the metrics label value too). */
    public static final String UNKNOWN_REASON = "unknown";

    private SummaryAssembler() {
    }

    public static AnalyticsSummary assemble(TimeRange range, SummaryFacts facts, Instant generatedAt) {
        long automated = facts.conversations() - facts.handedOffConversations();
        return new AnalyticsSummary(
                range.from(),
                range.to(),
                generatedAt,
                facts.conversations(),
                facts.messages(),
                Rates.ratio(automated, facts.conversations()),
                Rates.ratio(facts.handedOffConversations(), facts.conversations()),
                facts.handoffs(),
                reasons(facts.handoffReasons()),
                Percentiles.of(facts.firstResponseSeconds(), 0.5),
                Percentiles.of(facts.firstResponseSeconds(), 0.9),
                facts.firstResponseSeconds().size(),
                Percentiles.of(facts.resolutionSeconds(), 0.5),
                Percentiles.of(facts.resolutionSeconds(), 0.9),
                facts.resolutionSeconds().size(),
                facts.csatResponses() == 0 ? null : (double) facts.csatScoreSum() / facts.csatResponses(),
                facts.csatResponses(),
                facts.ticketsCreated(),
                facts.slaBreaches(),
                facts.topIntents(),
                facts.unrecognizedCount(),
                facts.unrecognized(),
                facts.channels().stream().map(channel -> new AnalyticsSummary.ChannelSummary(
                        channel.channelId(), channel.channelType(), channel.conversations(), channel.messages(),
                        channel.handoffs(),
                        Rates.ratio(channel.conversations() - channel.handedOffConversations(), channel.conversations()),
                        Rates.ratio(channel.handedOffConversations(), channel.conversations()))).toList(),
                facts.days().stream().map(day -> new AnalyticsSummary.DaySummary(
                        day.date(), day.conversations(), day.messages(), day.handoffs(),
                        Rates.ratio(day.conversations() - day.handedOffConversations(), day.conversations()))).toList());
    }

    /** Every reason key of the taxonomy (0 when absent), then any other key the events carried. */
    public static Map<String, Long> reasons(Map<String, Long> counted) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (HandoffReason reason : HandoffReason.values()) {
            reasons.put(reason.wireName(), 0L);
        }
        counted.forEach((key, count) -> reasons.merge(key == null ? UNKNOWN_REASON : key, count, Long::sum));
        return reasons;
    }
}
