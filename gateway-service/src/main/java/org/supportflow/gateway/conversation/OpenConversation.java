package org.supportflow.gateway.conversation;

import java.time.Instant;

/** The open conversation of a (channel, customer) as stored; {@code solvedAt} is set while its ticket is SOLVED. */
public record OpenConversation(String id, Instant lastMessageAt, Instant solvedAt) {
}
