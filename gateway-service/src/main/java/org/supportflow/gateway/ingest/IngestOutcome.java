package org.supportflow.gateway.ingest;

import org.supportflow.gateway.waiting.ReplyView;

import java.util.List;

/** What the ingestion endpoint answers: accepted (202) or, with {@code waitMs}, the bot's reply (200). */
public sealed interface IngestOutcome {

    String messageId();

    String conversationId();

    /** Whether the message had been received before (a retry): then nothing was processed again. */
    boolean duplicate();

    /** {@code "accepted"} for a first delivery, {@code "duplicate"} for a retry; in both answers. */
    default String status() {
        return duplicate() ? "duplicate" : "accepted";
    }

    /** 202 {@code {"messageId", "conversationId", "status": "accepted"|"duplicate"}}. */
    record Accepted(String messageId, String conversationId, boolean duplicate) implements IngestOutcome {
    }

    /**
     * 200 {@code {"conversationId", "messageId", "status", "replies": [{"text", "quickReplies"}]}}: CONTRACT.md
     * names conversationId and replies; status tells a channel's retry (e.g. KakaoTalk's after its 5 s
     * timeout), answered with the stored reply, from a first delivery.
     */
    record Replied(String messageId, String conversationId, boolean duplicate, List<ReplyView> replies)
            implements IngestOutcome {
    }
}
