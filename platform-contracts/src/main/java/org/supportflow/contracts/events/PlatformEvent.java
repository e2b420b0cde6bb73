package org.supportflow.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event on the platform's topics carries (CONTRACT.md §5).
 *
 * <p>Conversation events are keyed by {@link #conversationId()} so that one conversation stays on one
 * partition and is processed in order. Events that do not belong to a conversation (agent presence,
 * customer erasure) override {@link #key()} and leave the conversation fields null.
 *
 * <p>Readers ignore unknown fields; a change that removes or re-types a field bumps the event's
 * {@code SCHEMA_VERSION} and consumers branch on {@link #schemaVersion()}.
 */
public interface PlatformEvent {

    String eventId();

    int schemaVersion();

    Instant occurredAt();

    String conversationId();

    String channelId();

    String messageId();

    /** The Kafka record key. */
    default String key() {
        return conversationId();
    }

    static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
