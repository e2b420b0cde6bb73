package org.supportflow.analytics.dashboard;

import java.time.Instant;
import java.util.List;

/** The raw rows of a time series as the facts store answers them, one list per query; no gaps filled. */
public record TimeseriesFacts(
        List<String> channels,
        List<ConversationRow> conversations,
        List<MessageRow> messages,
        List<KeyCount> handoffReasons,
        List<Duration> firstResponses,
        List<Duration> resolutions,
        List<Csat> csat,
        List<KeyCount> intents) {

    /** Conversations whose first message (ever) falls in the bucket. */
    public record ConversationRow(Instant bucket, AutomationFigures figures, long handedOff) {
    }

    /** Customer messages received in the bucket. */
    public record MessageRow(Instant bucket, long messages, long handoffs, long unrecognized) {
    }

    /** A count per key (handoff reason, intent) in the bucket; the key may be null. */
    public record KeyCount(Instant bucket, String key, long count) {
    }

    /** One ticket's measured duration, in the bucket where it ended. */
    public record Duration(Instant bucket, double seconds) {
    }

    /** The latest CSAT scores of the tickets rated in the bucket, per channel. */
    public record Csat(Instant bucket, String channelId, long scoreSum, long responses) {
    }
}
