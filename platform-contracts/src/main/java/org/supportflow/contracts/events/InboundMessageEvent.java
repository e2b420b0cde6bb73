package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.ChannelType;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A customer message accepted by the gateway ({@code conversation.inbound}). The only event that
 * carries the customer's raw text and name; consumers: nlu-service and ticket-service.
 *
 * @param messageId the channel's own message id, unique per channel (the de-duplication key)
 * @param sentAt    when the customer sent it, as the channel reports (may be null)
 * @param metadata  channel-specific extras, scalar values as strings
 */
public record InboundMessageEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String conversationId,
        String channelId,
        String messageId,
        ChannelType channelType,
        Customer customer,
        String text,
        Instant sentAt,
        Map<String, String> metadata) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public InboundMessageEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(text, "text");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static InboundMessageEvent of(String conversationId, String channelId, ChannelType channelType,
                                         String messageId, Customer customer, String text, Instant sentAt,
                                         Map<String, String> metadata) {
        return new InboundMessageEvent(PlatformEvent.newEventId(), SCHEMA_VERSION, Instant.now(), conversationId,
                channelId, messageId, channelType, customer, text, sentAt, metadata);
    }
}
