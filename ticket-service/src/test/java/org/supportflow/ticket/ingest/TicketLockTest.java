package org.supportflow.ticket.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.ticket.tickets.Ticket;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What {@code ConversationIngest} relies on when it locks a conversation's ticket as it loads it, in one
 * statement: the load waits for a transaction that holds the ticket and then reads what that one committed; and a
 * ticket the transaction had loaded before without a lock is never used stale.
 */
@QuarkusTest
class TicketLockTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ConversationIngest ingest;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aLockingLoadWaitsForTheTicketsHolderAndReadsWhatItCommitted() throws Exception {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // two threads of its own: the common pool may have one, which the holder keeps while it waits
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                    .run(() -> {
                        Ticket.<Ticket>findById(handoff.ticketId(), LockModeType.PESSIMISTIC_WRITE).priority =
                                Priority.URGENT;
                        held.countDown();
                        awaitLatch(release);
                    }), threads);
            assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Priority> loaded = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                    .call(() -> Ticket.activeOf(handoff.conversationId(), LockModeType.PESSIMISTIC_WRITE)
                            .orElseThrow().priority), threads);
            await().atMost(WAIT).until(this::aBackendWaitsForALock); // the load is blocked on the holder's lock
            release.countDown();
            holder.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(loaded.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Priority.URGENT);
        } finally {
            release.countDown(); // a failed step must not leave the holder keeping the ticket locked
            threads.shutdown();
        }
    }

    @Test
    void aTicketLoadedWithoutALockAndChangedSinceIsNeverUsedStale() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            Ticket.<Ticket>findById(handoff.ticketId());
            QuarkusTransaction.requiringNew().run(() ->
                    Ticket.<Ticket>findById(handoff.ticketId()).priority = Priority.URGENT);
            Ticket.activeOf(handoff.conversationId(), LockModeType.PESSIMISTIC_WRITE);
        })).hasRootCauseInstanceOf(org.hibernate.StaleObjectStateException.class)
                .satisfies(failure -> assertThat(TransientRetry.isTransient(failure)).isTrue());
    }

    @Test
    void aLockingLoadOfAnUnchangedTicketReadsIt() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.HIGH);

        Priority locked = QuarkusTransaction.requiringNew().call(() ->
                Ticket.latestOf(handoff.conversationId(), LockModeType.PESSIMISTIC_WRITE).orElseThrow().priority);
        assertThat(locked).isEqualTo(Priority.HIGH);
    }

    private boolean aBackendWaitsForALock() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     select count(*) from pg_stat_activity
                     where datname = current_database() and wait_event_type = 'Lock'
                       and query like '%for no key update%'""")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
