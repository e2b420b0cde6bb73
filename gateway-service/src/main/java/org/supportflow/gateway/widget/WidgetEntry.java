package org.supportflow.gateway.widget;

import org.supportflow.gateway.replies.ReplyCursor;
import org.supportflow.gateway.replies.StoredReply;

import java.time.Instant;
import java.util.List;

/**
 * One line of the widget's conversation as the page receives it (history and stream).
 *
 * @param from     customer, bot, agent or system
 * @param kind     for replies, what they are for (CSAT_QUESTION is shown as rating buttons); null for the visitor's
 * @param clientId for the visitor's own messages, the id the page gave it (so it can recognise its own echo)
 * @param cursor   for replies, the stream position (SSE event id) just after this reply
 */
public record WidgetEntry(String id, String from, String text, List<String> quickReplies, String kind,
                          String inReplyTo, String clientId, Instant sentAt, String cursor) {

    static WidgetEntry of(StoredReply reply) {
        return new WidgetEntry(reply.messageId(), reply.from(), reply.text(), reply.quickReplies(), reply.kind(),
                reply.inReplyTo(), null, reply.sentAt(), ReplyCursor.format(reply.sequence()));
    }

    static WidgetEntry of(WidgetMessageStore.VisitorMessage message) {
        return new WidgetEntry(message.messageId(), "customer", message.text(), List.of(), null, null,
                message.clientId(), message.sentAt(), null);
    }
}
