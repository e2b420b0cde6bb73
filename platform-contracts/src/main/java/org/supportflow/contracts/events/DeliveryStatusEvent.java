package org.supportflow.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * How a reply reaches (or will reach) the customer, for channels that cannot take a reply at any time
 * (KakaoTalk): {@code conversation.delivery}, written by gateway-service, read by ticket-service so that the
 * agent sees it next to the reply in the transcript. A reply may get several (held first, shown later); the
 * newest {@link #occurredAt()} is its state.
 *
 * @param messageId the reply's messageId ({@link OutboundMessageEvent#messageId()})
 */
public record DeliveryStatusEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String conversationId,
        String channelId,
        String messageId,
        Status status) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public enum Status {
        /** Shown in the answer to the customer's message. */
        DELIVERED,
        /** Sent through the callback of the customer's message (KakaoTalk's AI chatbot callback). */
        CALLBACK,
        /** Sent as a message of its own through the provider's paid API (KakaoTalk's Event API). */
        EVENT_API,
        /** Waits for the customer's next message, and is shown before its answer. */
        HELD_UNTIL_NEXT_MESSAGE
    }

    public DeliveryStatusEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
    }

    /** The id is derived from the reply and the status: the same status published again is the same event. */
    public static DeliveryStatusEvent of(String conversationId, String channelId, String messageId, Status status,
                                         Instant occurredAt) {
        return new DeliveryStatusEvent(PlatformEvent.derivedId("delivery-status", messageId, status.name()),
                SCHEMA_VERSION, occurredAt, conversationId, channelId, messageId, status);
    }
}
