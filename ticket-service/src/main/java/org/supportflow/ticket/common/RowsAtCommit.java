package org.supportflow.ticket.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows a transaction appends to a table, written together just before it commits: one statement for all of a
 * transaction's audit entries or outbox events, where each change made its own (an entity's identity insert, or
 * a native insert that Hibernate precedes with a flush of the persistence context). A poll of ticket events
 * makes dozens of such rows.
 *
 * <p>Only for append-only tables whose rows nothing reads back in the transaction that adds them, and that no
 * constraint ties to the transaction's other rows: they are written after the entities are flushed. A rolled
 * back transaction writes nothing; a failing write rolls the transaction back.
 */
@ApplicationScoped
public class RowsAtCommit {

    /** Writes a transaction's rows of one table, in the order they were added; keep one instance per table. */
    @FunctionalInterface
    public interface Writer<R> {
        void write(List<R> rows);
    }

    private final TransactionSynchronizationRegistry transactions;

    public RowsAtCommit(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Adds a row for {@code writer} to write when the current transaction commits; must run inside one. */
    public <R> void add(Writer<R> writer, R row) {
        if (transactions.getTransactionKey() == null) {
            throw new IllegalStateException("rows written at commit need a transaction");
        }
        @SuppressWarnings("unchecked")
        List<R> rows = (List<R>) transactions.getResource(writer);
        if (rows == null) {
            List<R> pending = new ArrayList<>();
            transactions.putResource(writer, pending);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    writer.write(pending);
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            rows = pending;
        }
        rows.add(row);
    }
}
