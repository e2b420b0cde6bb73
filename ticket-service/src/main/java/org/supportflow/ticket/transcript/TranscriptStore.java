package org.supportflow.ticket.transcript;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.ChannelType;

import java.time.Instant;

/**
 * Race-free creation of conversations and transcript messages: events about the same message arrive on
 * different topics, in any order and possibly twice, and are handled concurrently. PostgreSQL's
 * {@code INSERT ... ON CONFLICT} creates a row once; the follow-up lock serialises the writers of that row.
 * Must run inside a transaction.
 */
@ApplicationScoped
public class TranscriptStore {

    private final EntityManager em;

    public TranscriptStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Creates the conversation if unknown, fills a missing customer or channel type, and locks it: every
     * ticket change of one conversation happens under this lock, one transaction at a time.
     */
    public Conversation lockConversation(String conversationId, String channelId, ChannelType channelType,
                                         String customerId, Instant now) {
        em.createNativeQuery("""
                        insert into conversation (id, channel_id, channel_type, customer_id, created_at)
                        values (?1, ?2, ?3, ?4, ?5) on conflict (id) do nothing""")
                .setParameter(1, conversationId)
                .setParameter(2, channelId == null ? "unknown" : channelId)
                .setParameter(3, channelType == null ? null : channelType.name())
                .setParameter(4, customerId)
                .setParameter(5, now)
                .executeUpdate();
        Conversation conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(conversation);
        if (conversation.customerId == null && customerId != null) {
            conversation.customerId = customerId;
        }
        if (conversation.channelType == null && channelType != null) {
            conversation.channelType = channelType;
        }
        if ("unknown".equals(conversation.channelId) && channelId != null) {
            conversation.channelId = channelId;
        }
        return conversation;
    }

    /**
     * The message (conversation id, message id), created with the given author and kind if absent, and
     * locked for this transaction.
     */
    public Message upsertMessage(String conversationId, String messageId, Author author, String kind,
                                 Instant occurredAt, Instant now) {
        em.createNativeQuery("""
                        insert into message (conversation_id, message_id, author, kind, internal, occurred_at,
                                             created_at, erased)
                        values (?1, ?2, ?3, ?4, false, ?5, ?6, false)
                        on conflict (conversation_id, message_id) do nothing""")
                .setParameter(1, conversationId)
                .setParameter(2, messageId)
                .setParameter(3, author.name())
                .setParameter(4, kind)
                .setParameter(5, occurredAt)
                .setParameter(6, now)
                .executeUpdate();
        Message message = Message.of(conversationId, messageId)
                .orElseThrow(() -> new IllegalStateException("message vanished after upsert"));
        em.refresh(message, LockModeType.PESSIMISTIC_WRITE); // one "select ... for update": locked and current
        return message;
    }
}
