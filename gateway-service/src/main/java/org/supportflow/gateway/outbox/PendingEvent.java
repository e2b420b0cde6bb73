package org.supportflow.gateway.outbox;

import org.supportflow.gateway.dedup.MessageKey;

/** An accepted message whose event Kafka has not acknowledged yet. */
public record PendingEvent(MessageKey key, String eventJson) {
}
