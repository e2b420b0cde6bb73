package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.ChannelType;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer message with the routing decision ({@code conversation.routed});
 * consumers: ticket-service (handoffs) and analytics-service. Carries masked text only.
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
        RoutingDecision decision) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public RoutedMessageEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * The routed event of a classified message. One per customer message: the id is derived from the message,
     * so the decision published again for a redelivered message is the same event.
     */
    public static RoutedMessageEvent of(ClassifiedMessageEvent classified, RoutingDecision decision) {
        String eventId = PlatformEvent.derivedId("routed", classified.conversationId(), classified.messageId());
        return new RoutedMessageEvent(eventId, SCHEMA_VERSION, Instant.now(), classified.conversationId(),
                classified.channelId(), classified.messageId(), classified.channelType(), classified.customer(),
                classified.receivedAt(), classified.nlu(), decision);
    }
}
