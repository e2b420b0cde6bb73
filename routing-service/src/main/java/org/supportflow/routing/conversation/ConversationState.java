package org.supportflow.routing.conversation;

import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;

import java.util.Objects;

/**
 * What routing remembers of a conversation.
 *
 * @param mode           who owns it: the bot, or a human (the bot stays silent until the ticket is solved)
 * @param fallbackStreak the bot's fallbacks in a row
 * @param priority       the priority of the current handoff, null while the bot owns it
 * @param handoffReason  why the current handoff happened, null while the bot owns it
 * @param ticketId       the ticket the conversation's current (or last) human episode belongs to; null from a
 *                       handoff until ticket-service reports the ticket it opened for it
 * @param language       the language of the latest customer message (for agent skills when it waits)
 */
public record ConversationState(String conversationId, String channelId, String customerId, Mode mode,
                                int fallbackStreak, Priority priority, HandoffReason handoffReason, String ticketId,
                                String language) {

    public enum Mode {
        BOT, HUMAN
    }

    public ConversationState {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(mode, "mode");
    }

    public boolean withHuman() {
        return mode == Mode.HUMAN;
    }

    public ConversationState withFallbackStreak(int streak) {
        return new ConversationState(conversationId, channelId, customerId, mode, streak, priority, handoffReason,
                ticketId, language);
    }

    /** A human takes over; the ticket is not known yet (ticket-service reports it). */
    public ConversationState handedOff(HandoffReason reason, Priority handoffPriority) {
        return new ConversationState(conversationId, channelId, customerId, Mode.HUMAN, 0, handoffPriority, reason,
                null, language);
    }

    public ConversationState withPriority(Priority newPriority) {
        return new ConversationState(conversationId, channelId, customerId, mode, fallbackStreak, newPriority,
                handoffReason, ticketId, language);
    }

    public ConversationState backToBot() {
        return new ConversationState(conversationId, channelId, customerId, Mode.BOT, 0, null, null, ticketId,
                language);
    }

    public ConversationState withTicket(String id) {
        return new ConversationState(conversationId, channelId, customerId, mode, fallbackStreak, priority,
                handoffReason, id, language);
    }

    public ConversationState withLanguage(String messageLanguage) {
        return new ConversationState(conversationId, channelId, customerId, mode, fallbackStreak, priority,
                handoffReason, ticketId, messageLanguage == null ? language : messageLanguage);
    }
}
