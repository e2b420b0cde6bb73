package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.ChannelType;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer message with the routing decision ({@code conversation.routed});
 * consumers: ticket-service (handoffs) and analytics-service. Carries masked text only.
 *
 * @param action what a domain action did with the message (asked for a slot, called the company's system...),
 *               or null when no action was involved
 */
public record RoutedMessageEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String conversationId,
        String channelId,
        String messageId,
        ChannelType channelType,
        CustomerRef customer,
        Instant receivedAt,
        NluResult nlu,
        RoutingDecision decision,
        ActionStep action) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public RoutedMessageEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(decision, "decision");
    }

    /** An event no action was involved in. */
    public RoutedMessageEvent(String eventId, int schemaVersion, Instant occurredAt, String conversationId,
                              String channelId, String messageId, ChannelType channelType, CustomerRef customer,
                              Instant receivedAt, NluResult nlu, RoutingDecision decision) {
        this(eventId, schemaVersion, occurredAt, conversationId, channelId, messageId, channelType, customer,
                receivedAt, nlu, decision, null);
    }

    /** The same event with the NLU's result replaced (e.g. with slot values masked). */
    public RoutedMessageEvent withNlu(NluResult replaced) {
        return new RoutedMessageEvent(eventId, schemaVersion, occurredAt, conversationId, channelId, messageId,
                channelType, customer, receivedAt, replaced, decision, action);
    }

    /**
     * The routed event of a classified message. One per customer message: the id is derived from the message,
     * so the decision published again for a redelivered message is the same event.
     */
    public static RoutedMessageEvent of(ClassifiedMessageEvent classified, RoutingDecision decision) {
        return of(classified, decision, null);
    }

    /** The routed event of a classified message a domain action was involved in. */
    public static RoutedMessageEvent of(ClassifiedMessageEvent classified, RoutingDecision decision,
                                        ActionStep action) {
        String eventId = PlatformEvent.derivedId("routed", classified.conversationId(), classified.messageId());
        return new RoutedMessageEvent(eventId, SCHEMA_VERSION, Instant.now(), classified.conversationId(),
                classified.channelId(), classified.messageId(), classified.channelType(), classified.customer(),
                classified.receivedAt(), classified.nlu(), decision, action);
    }
}
