package org.supportflow.ticket.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.tickets.Ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code ConversationIngest} relies on when it locks a ticket it has just loaded without reloading it:
 * the lock's statement checks the version the ticket was loaded with, so a ticket changed in between is never
 * used stale (the lock fails as an optimistic-lock conflict, which the consumer retries), and one unchanged is
 * locked as loaded.
 */
@QuarkusTest
class TicketLockTest {

    @Inject
    ConversationIngest ingest;

    @Inject
    EntityManager em;

    @Test
    void lockingATicketChangedSinceItWasLoadedFailsInsteadOfUsingItStale() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            Ticket loaded = Ticket.latestOf(handoff.conversationId()).orElseThrow();
            QuarkusTransaction.requiringNew().run(() ->
                    Ticket.<Ticket>findById(loaded.id).priority = Priority.URGENT);
            em.lock(loaded, LockModeType.PESSIMISTIC_WRITE);
        })).hasRootCauseInstanceOf(org.hibernate.StaleObjectStateException.class)
                .satisfies(failure -> assertThat(TransientRetry.isTransient(failure)).isTrue());
    }

    @Test
    void lockingAnUnchangedTicketKeepsItAsLoaded() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);

        Priority locked = QuarkusTransaction.requiringNew().call(() -> {
            Ticket loaded = Ticket.latestOf(handoff.conversationId()).orElseThrow();
            em.lock(loaded, LockModeType.PESSIMISTIC_WRITE);
            return loaded.priority;
        });
        assertThat(locked).isEqualTo(Priority.NORMAL);
    }
}
