package org.supportflow.ticket.transcript;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.hibernate.engine.spi.EntityKey;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.ChannelType;

import java.time.Instant;
import java.util.Optional;

/**
 * Race-free creation of conversations and transcript messages: events about the same message arrive on
 * different topics, in any order and possibly twice, and are handled concurrently. A row that exists is locked
 * as it is loaded; one that does not is created by PostgreSQL's {@code INSERT ... ON CONFLICT} (once, whoever
 * races for it), then locked: the lock serialises the writers of that row.
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
     * ticket change of one conversation happens under this lock, one transaction at a time. A conversation that
     * exists is locked and loaded in one statement.
     */
    public Conversation lockConversation(String conversationId, String channelId, ChannelType channelType,
                                         String customerId, Instant now) {
        boolean loadedBefore = holds(Conversation.class, conversationId);
        Conversation conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        if (conversation == null) {
            em.createNativeQuery("""
                            insert into conversation (id, channel_id, channel_type, customer_id, created_at)
                            values (?1, ?2, ?3, ?4, ?5) on conflict (id) do nothing""")
                    .setParameter(1, conversationId)
                    .setParameter(2, channelId == null ? "unknown" : channelId)
                    .setParameter(3, channelType == null ? null : channelType.name())
                    .setParameter(4, customerId)
                    .setParameter(5, now)
                    .executeUpdate();
            conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        } else if (loadedBefore) {
            em.refresh(conversation); // the lock does not reload what this transaction had loaded before it
        }
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
     * locked for this transaction. A message that exists is locked and loaded in one statement.
     */
    public Message upsertMessage(String conversationId, String messageId, Author author, String kind,
                                 Instant occurredAt, Instant now) {
        boolean messagesLoadedBefore = holds(Message.class, null);
        Optional<Message> existing = lockedMessage(conversationId, messageId);
        if (existing.isPresent()) {
            if (messagesLoadedBefore) {
                em.refresh(existing.get()); // the lock does not reload what this transaction had loaded before it
            }
            return existing.get();
        }
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
        return lockedMessage(conversationId, messageId)
                .orElseThrow(() -> new IllegalStateException("message vanished after upsert"));
    }

    private Optional<Message> lockedMessage(String conversationId, String messageId) {
        return Message.<Message>find("conversationId = ?1 and messageId = ?2", conversationId, messageId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /**
     * Whether this transaction's persistence context holds an entity of the type (with this id, unless null): a
     * locking load hands such an entity back as it was loaded, so it must be reloaded once locked. The ingest
     * starts each event from an empty context, so there this is false and the lock's statement is the load.
     */
    private boolean holds(Class<?> type, Object id) {
        return em.unwrap(Session.class).getStatistics().getEntityKeys().stream()
                .map(EntityKey.class::cast)
                .anyMatch(key -> key.getEntityName().equals(type.getName())
                        && (id == null || id.equals(key.getIdentifier())));
    }
}
