package org.supportflow.ticket.history;

import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.ticket.transcript.Message;

import java.time.Instant;

/**
 * What one event of a bot-only conversation said about one message: a row of {@code conversation_history},
 * unique by (conversation id, message id, source). A customer message has up to two (its raw text from
 * {@code conversation.inbound}, its NLU reading and action step from {@code conversation.routed}); a reply has one.
 *
 * @param action the routed event's {@link org.supportflow.contracts.events.ActionStep} as JSON, or null
 */
public record HistoryEntry(String conversationId, String messageId, Source source, String customerId,
                           Author author, String kind, String agentId, String inReplyTo, String text,
                           String quickReplies, Instant occurredAt, boolean erased, String maskedText,
                           String language, String intent, Double confidence, String sentiment, Double sentimentScore,
                           String urgency, String nluModel, String route, String answerId, String answerText,
                           String entities, String action) {

    /** The topic a row comes from. */
    public enum Source {
        INBOUND, ROUTED, OUTBOUND
    }

    public static HistoryEntry of(InboundMessageEvent event, Instant now) {
        return new HistoryEntry(event.conversationId(), event.messageId(), Source.INBOUND, event.customer().id(),
                Author.CUSTOMER, Message.KIND_CUSTOMER, null, null, event.text(), null,
                orNow(event.occurredAt(), now), false, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public static HistoryEntry of(RoutedMessageEvent event, Instant now) {
        NluResult nlu = event.nlu();
        Instant occurredAt = orNow(event.receivedAt() != null ? event.receivedAt() : event.occurredAt(), now);
        String route = event.decision().route().name();
        String action = Message.actionJson(event.action());
        if (nlu == null) {
            return new HistoryEntry(event.conversationId(), event.messageId(), Source.ROUTED, null, Author.CUSTOMER,
                    Message.KIND_CUSTOMER, null, null, null, null, occurredAt, false, null, null, null, null, null,
                    null, null, null, route, null, null, null, action);
        }
        return new HistoryEntry(event.conversationId(), event.messageId(), Source.ROUTED, null, Author.CUSTOMER,
                Message.KIND_CUSTOMER, null, null, null, null, occurredAt, false, nlu.maskedText(), nlu.language(),
                nlu.intent(), nlu.confidence(), nlu.sentiment() == null ? null : nlu.sentiment().wireName(),
                nlu.sentimentScore(), nlu.urgency() == null ? null : nlu.urgency().wireName(), nlu.modelVersion(),
                route, nlu.answer() == null ? null : nlu.answer().answerId(),
                nlu.answer() == null ? null : nlu.answer().text(), Message.entitiesJson(nlu.entities()), action);
    }

    public static HistoryEntry of(OutboundMessageEvent event, Instant now) {
        String kind = event.kind() == null ? OutboundMessageEvent.Kind.ANSWER.name() : event.kind().name();
        return new HistoryEntry(event.conversationId(), messageIdOf(event), Source.OUTBOUND, null, event.author(),
                kind, event.agentId(), event.inReplyTo(), event.text(), Message.joinQuickReplies(event.quickReplies()),
                orNow(event.occurredAt(), now), false, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** The transcript id of a reply: its message id, or one derived from its (deterministic) event id. */
    public static String messageIdOf(OutboundMessageEvent event) {
        return event.messageId() != null ? event.messageId() : "out-" + event.eventId();
    }

    private static Instant orNow(Instant reported, Instant now) {
        return reported != null ? reported : now;
    }
}
