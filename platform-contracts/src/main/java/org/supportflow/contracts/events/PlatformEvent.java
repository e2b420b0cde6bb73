package org.supportflow.contracts.events;

import java.nio.charset.StandardCharsets;
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

    /** A fresh id, for events that originate here (a customer message, an agent's action). */
    static String newEventId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The id of an event derived from another: the same parts always give the same id, so a derived event
     * that is produced again (its input redelivered by Kafka, republished by an outbox after a crash) is
     * recognised downstream as the same event. Parts are length-prefixed, so ("ab", "c") and ("a", "bc")
     * differ.
     */
    static String derivedId(String kind, String... parts) {
        StringBuilder name = new StringBuilder(kind.length() + 16 * parts.length).append(kind);
        for (String part : parts) {
            String value = String.valueOf(part);
            name.append('|').append(value.length()).append(':').append(value);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
