package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.ChannelType;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer message after the NLU ({@code conversation.classified}); consumer: routing-service.
 * Carries masked text only.
 */
public record ClassifiedMessageEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String conversationId,
        String channelId,
        String messageId,
        ChannelType channelType,
        CustomerRef customer,
        Instant receivedAt,
        NluResult nlu) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public ClassifiedMessageEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(nlu, "nlu");
    }

    /**
     * Classifies an inbound message: the envelope follows it, the raw text and the name stay behind. The
     * event id is derived from the message, so classifying a redelivered message yields the same event.
     */
    public static ClassifiedMessageEvent of(InboundMessageEvent inbound, NluResult nlu) {
        String eventId = PlatformEvent.derivedId("classified", inbound.conversationId(), inbound.messageId());
        return new ClassifiedMessageEvent(eventId, SCHEMA_VERSION, Instant.now(), inbound.conversationId(),
                inbound.channelId(), inbound.messageId(), inbound.channelType(), inbound.customer().ref(),
                inbound.occurredAt(), nlu);
    }
}
