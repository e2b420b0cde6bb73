package org.supportflow.ticket.transcript;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.ticket.support.TestEvents;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation or message that exists is locked and loaded in one statement; one this transaction had loaded
 * before is reloaded once locked, so that a change committed in between is never used stale.
 */
@QuarkusTest
class TranscriptStoreTest {

    @Inject
    TranscriptStore store;

    @Inject
    EntityManager em;

    @Test
    void createsAConversationOnceAndLocksItAsItIsNow() {
        String id = TestEvents.newId("conv");
        Instant now = Instant.now();

        Conversation created = QuarkusTransaction.requiringNew().call(() ->
                store.lockConversation(id, TestEvents.CHANNEL, ChannelType.WEB, null, now));
        assertThat(created.channelType).isEqualTo(ChannelType.WEB);
        assertThat(created.customerId).isNull();

        String customer = QuarkusTransaction.requiringNew().call(() ->
                store.lockConversation(id, TestEvents.CHANNEL, null, "cust-1", now).customerId);
        assertThat(customer).isEqualTo("cust-1");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Conversation.count("id", id))).isEqualTo(1);
    }

    @Test
    void aConversationLoadedBeforeTheLockIsReloadedWithWhatWasCommittedMeanwhile() {
        String id = TestEvents.newId("conv");
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> store.lockConversation(id, TestEvents.CHANNEL, null, null, now));

        Conversation locked = QuarkusTransaction.requiringNew().call(() -> {
            Conversation early = em.find(Conversation.class, id);
            assertThat(early.customerId).isNull();
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update conversation set customer_id = 'cust-2' where id = ?1")
                    .setParameter(1, id).executeUpdate());
            return store.lockConversation(id, TestEvents.CHANNEL, null, "cust-3", now);
        });
        assertThat(locked.customerId).as("the committed customer, not the stale null filled in").isEqualTo("cust-2");
    }

    @Test
    void aMessageLoadedBeforeTheLockIsReloadedWithWhatWasCommittedMeanwhile() {
        String conversation = TestEvents.newId("conv");
        String messageId = TestEvents.newId("msg");
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            store.lockConversation(conversation, TestEvents.CHANNEL, null, null, now);
            store.upsertMessage(conversation, messageId, Author.CUSTOMER, Message.KIND_CUSTOMER, now, now);
        });

        Message locked = QuarkusTransaction.requiringNew().call(() -> {
            assertThat(Message.of(conversation, messageId).orElseThrow().text).isNull();
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update message set text = 'meanwhile' where conversation_id = ?1 and message_id = ?2")
                    .setParameter(1, conversation).setParameter(2, messageId).executeUpdate());
            return store.upsertMessage(conversation, messageId, Author.CUSTOMER, Message.KIND_CUSTOMER, now, now);
        });
        assertThat(locked.text).isEqualTo("meanwhile");
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                Message.count("conversationId = ?1 and messageId = ?2", conversation, messageId))).isEqualTo(1);
    }
}
