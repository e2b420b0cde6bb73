package org.supportflow.gateway.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * When a customer's next message continues their open conversation and when it starts a new one.
 *
 * <ul>
 *   <li>A conversation closed by its ticket (CLOSED) never continues (the store no longer returns it as open).
 *   <li>Idle: no customer message for the channel's idle timeout (default 24 h) ends it.
 *   <li>Solved: once the ticket is SOLVED, a message within {@code solvedIdleTimeout} of the later of the
 *       solve and the last message continues it (a "thanks" lands in the same ticket, which ticket-service may
 *       reopen); later messages start a new conversation.
 * </ul>
 */
public final class ConversationPolicy {

    /** Why an open conversation is not continued. */
    public enum EndReason {
        IDLE, SOLVED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Duration solvedIdleTimeout;

    public ConversationPolicy(Duration solvedIdleTimeout) {
        this.solvedIdleTimeout = solvedIdleTimeout;
    }

    /** Empty when a message at {@code now} continues {@code conversation}, else why it does not. */
    public Optional<EndReason> endReason(OpenConversation conversation, Instant now, Duration idleTimeout) {
        Instant last = conversation.lastMessageAt();
        if (conversation.solvedAt() != null) {
            Instant since = conversation.solvedAt().isAfter(last) ? conversation.solvedAt() : last;
            if (!now.isBefore(since.plus(solvedIdleTimeout))) {
                return Optional.of(EndReason.SOLVED);
            }
        }
        if (!now.isBefore(last.plus(idleTimeout))) {
            return Optional.of(EndReason.IDLE);
        }
        return Optional.empty();
    }

    /** A new opaque conversation id. */
    public static String newConversationId() {
        return "conv-" + UUID.randomUUID();
    }
}
