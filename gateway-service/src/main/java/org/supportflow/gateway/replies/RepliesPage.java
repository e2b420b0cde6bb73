package org.supportflow.gateway.replies;

import java.time.Instant;
import java.util.List;

/** {@code {"replies": [{"text", "quickReplies", "from", "sentAt", ...}], "next": "<cursor>"}}. */
public record RepliesPage(List<Item> replies, String next) {

    /** One reply; {@code messageId} and {@code inReplyTo} are extras beyond the contract's fields. */
    public record Item(String messageId, String inReplyTo, String text, List<String> quickReplies, String from,
                       Instant sentAt) {
    }
}
