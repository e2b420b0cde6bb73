package org.supportflow.gateway.ingest;

import org.supportflow.gateway.waiting.ReplyView;

import java.util.List;

/** What the ingestion endpoint answers: accepted (202) or, with {@code waitMs}, the bot's reply (200). */
public sealed interface IngestOutcome {

    String messageId();

    String conversationId();

    /** 202 {@code {"messageId", "conversationId", "status": "accepted"|"duplicate"}}. */
    record Accepted(String messageId, String conversationId, boolean duplicate) implements IngestOutcome {
        public String status() {
            return duplicate ? "duplicate" : "accepted";
        }
    }

    /** 200 {@code {"conversationId", "replies": [{"text", "quickReplies"}]}}. */
    record Replied(String messageId, String conversationId, List<ReplyView> replies) implements IngestOutcome {
    }
}
