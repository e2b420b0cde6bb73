package org.supportflow.gateway.replies;

import java.time.Instant;
import java.util.List;

/**
 * A reply stored for polling; {@code sequence} orders the replies of one conversation and is the cursor.
 *
 * @param from bot, agent or system
 * @param kind what the reply is for ({@code OutboundMessageEvent.Kind} name, e.g. CSAT_QUESTION); null for old rows
 */
public record StoredReply(long sequence, String conversationId, String channelId, String messageId, String inReplyTo,
                          String from, String text, List<String> quickReplies, Instant sentAt, String kind) {
}
