package org.supportflow.ticket.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.ticket.audit.AuditEntry;
import org.supportflow.ticket.audit.AuditLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transaction's rows reach their writer once, all together and in order, when it commits; never when it rolls
 * back; and a writer that fails takes the transaction down with it.
 */
@QuarkusTest
class RowsAtCommitTest {

    @Inject
    RowsAtCommit atCommit;

    @Inject
    AuditLog audit;

    /** Keeps what it was handed, one list per call. */
    private static final class Recording implements RowsAtCommit.Writer<String> {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public void write(List<String> rows) {
            calls.add(List.copyOf(rows));
        }
    }

    @Test
    void aTransactionsRowsAreWrittenOnceInOrderAtCommit() {
        Recording entries = new Recording();
        Recording events = new Recording();

        QuarkusTransaction.requiringNew().run(() -> {
            atCommit.add(entries, "first");
            atCommit.add(events, "only");
            atCommit.add(entries, "second");
            atCommit.add(entries, "third");
            assertThat(entries.calls).as("nothing written before the commit").isEmpty();
        });
        QuarkusTransaction.requiringNew().run(() -> atCommit.add(entries, "next transaction"));

        assertThat(entries.calls).containsExactly(List.of("first", "second", "third"), List.of("next transaction"));
        assertThat(events.calls).containsExactly(List.of("only"));
    }

    @Test
    void aRolledBackTransactionWritesNothing() {
        Recording entries = new Recording();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            atCommit.add(entries, "lost with the change");
            throw new IllegalStateException("the change fails");
        })).hasMessageContaining("the change fails");

        assertThat(entries.calls).isEmpty();
    }

    @Test
    void aFailingWriteRollsTheTransactionBack() {
        String ticketId = "r-" + UUID.randomUUID();
        RowsAtCommit.Writer<String> failing = rows -> {
            throw new IllegalStateException("the table is gone");
        };

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            audit.record(ticketId, AuditLog.SYSTEM, "CREATED", Map.of());
            atCommit.add(failing, "row");
        }));

        assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.of(ticketId))).isEmpty();
    }

    @Test
    void addingOutsideATransactionFails() {
        assertThatThrownBy(() -> atCommit.add(new Recording(), "row"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    @Test
    void theAuditTrailKeepsTheOrderOfOneTransactionsEntries() {
        String ticketId = "r-" + UUID.randomUUID();

        QuarkusTransaction.requiringNew().run(() -> {
            audit.record(ticketId, AuditLog.ROUTING, "CREATED", Map.of("priority", "HIGH"));
            audit.record(ticketId, "agent1", "ASSIGNED", Map.of("to", "agent1", "from", "queue"));
            audit.record(ticketId, "agent1", "STATUS_CHANGED", null);
        });

        List<AuditEntry> trail = QuarkusTransaction.requiringNew().call(() -> AuditEntry.of(ticketId));
        assertThat(trail).extracting(entry -> entry.action).containsExactly("CREATED", "ASSIGNED", "STATUS_CHANGED");
        assertThat(trail).extracting(entry -> entry.details)
                .containsExactly("priority=HIGH", "from=queue, to=agent1", null);
        assertThat(trail).extracting(entry -> entry.actor).containsExactly(AuditLog.ROUTING, "agent1", "agent1");
    }
}
