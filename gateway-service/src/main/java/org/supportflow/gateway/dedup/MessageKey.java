package org.supportflow.gateway.dedup;

/** The de-duplication key: a channel's own message id is unique within that channel. */
public record MessageKey(String channelId, String messageId) {
}
