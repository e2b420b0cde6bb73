package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.Author;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message to the customer ({@code conversation.outbound}); consumers: gateway-service (delivery)
 * and ticket-service (transcript). May contain personal data written by an agent, so analytics does
 * not read this topic.
 *
 * @param messageId   this reply's own id
 * @param inReplyTo   the customer message it answers (the gateway's {@code waitMs} waits on it), or null
 * @param agentId     the agent who wrote it, for {@link Author#AGENT}
 */
public record OutboundMessageEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String conversationId,
        String channelId,
        String messageId,
        String inReplyTo,
        Author author,
        String agentId,
        Kind kind,
        String text,
        List<String> quickReplies) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    /** What the reply is for; delivery treats them alike, analytics and transcripts tell them apart. */
    public enum Kind {
        ANSWER, FALLBACK, HANDOFF_NOTICE, AFTER_HOURS_NOTICE, AGENT_REPLY, CSAT_QUESTION, SYSTEM
    }

    public OutboundMessageEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }

    /** A message of its own (an agent's reply, a CSAT question): fresh ids. */
    public static OutboundMessageEvent of(String conversationId, String channelId, String inReplyTo, Author author,
                                          String agentId, Kind kind, String text, List<String> quickReplies) {
        return new OutboundMessageEvent(PlatformEvent.newEventId(), SCHEMA_VERSION, Instant.now(), conversationId,
                channelId, "out-" + PlatformEvent.newEventId(), inReplyTo, author, agentId, kind, text, quickReplies);
    }

    /**
     * The messageId of the automatic reply to a customer message: known before the reply exists, so a channel
     * adapter that answered a customer message synchronously can record that reply as delivered.
     */
    public static String automaticReplyId(String conversationId, String inReplyTo) {
        return "out-" + PlatformEvent.derivedId("automatic-reply", conversationId, inReplyTo);
    }

    /**
     * The platform's automatic reply to a customer message (the bot's answer or fallback, a handoff or
     * after-hours notice): at most one per customer message, so its ids are derived from the message it
     * answers. Produced again for a redelivered message, it is the same reply, and the gateway, the
     * transcript and the channel see it once.
     */
    public static OutboundMessageEvent automaticReply(String conversationId, String channelId, String inReplyTo,
                                                      Author author, Kind kind, String text,
                                                      List<String> quickReplies) {
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        String messageId = automaticReplyId(conversationId, inReplyTo);
        return new OutboundMessageEvent(PlatformEvent.derivedId("outbound", messageId), SCHEMA_VERSION, Instant.now(),
                conversationId, channelId, messageId, inReplyTo, author, null, kind, text, quickReplies);
    }
}
