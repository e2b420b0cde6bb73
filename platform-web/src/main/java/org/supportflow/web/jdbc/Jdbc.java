package org.supportflow.web.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs units of work in one JDBC transaction each (at the connection's isolation level, READ COMMITTED unless
 * the work sets another) and runs a unit again, from scratch on a fresh connection, when PostgreSQL aborted its
 * transaction to break a deadlock or a serialization conflict ({@link SqlStates#isConflict}): both are expected
 * when replicas write the same rows at the same time, and the rolled-back attempt left nothing behind.
 *
 * <p>The retry policy is the caller's: {@code maxAttempts} (1 = run once). Work that may be retried must be
 * re-runnable: whatever it builds up in Java belongs inside it, since an attempt's rows are rolled back but not
 * its collections. Other failures are not retried here: a constraint violation would fail again, and after a
 * lost connection it is unknown whether the commit took effect, so only the caller knows whether the work is
 * idempotent enough to run again (the Kafka consumers do that through {@code BatchConsumption}).
 */
public final class Jdbc {

    /** A unit of work on an open connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** For work that meets concurrent writers: outlasts a short burst of conflicts (pauses of 5 to 60 ms). */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final int maxAttempts;

    public Jdbc(DataSource dataSource, int maxAttempts) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    /**
     * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws, the
     * connection's auto-commit restored either way. A conflict is retried up to the policy, then reported as a
     * {@link DataAccessException} (earlier attempts' failures suppressed in it); any other
     * {@link SQLException} becomes a {@link DataAccessException} at once, a runtime exception of the work is
     * rethrown as it is.
     */
    public <T> T inTransaction(Work<T> work) {
        List<Exception> earlierConflicts = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException | RuntimeException failure) {
                Optional<SQLException> conflict =
                        SqlStates.firstCause(failure, sql -> SqlStates.isConflict(sql.getSQLState()));
                if (conflict.isEmpty()) {
                    throw failure instanceof RuntimeException runtime ? runtime
                            : new DataAccessException("database operation failed (SQLState "
                            + ((SQLException) failure).getSQLState() + ")", failure);
                }
                if (attempt == maxAttempts) {
                    DataAccessException gaveUp = new DataAccessException("database transaction conflicted with a "
                            + "concurrent one (SQLState " + conflict.get().getSQLState() + ") in each of "
                            + maxAttempts + " attempt(s)", failure);
                    earlierConflicts.forEach(gaveUp::addSuppressed);
                    throw gaveUp;
                }
                earlierConflicts.add(failure);
                backOff(attempt);
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (Throwable failure) {
                try {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                } catch (SQLException cleanupFailure) {
                    failure.addSuppressed(cleanupFailure);
                }
                throw failure;
            }
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // committed: the work took effect, and a pool discards the connection that broke just after
            }
            return result;
        }
    }

    /** Growing pauses with jitter, so that two transactions that collided do not collide again in step. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(50L, 5L * attempt * attempt) + ThreadLocalRandom.current().nextLong(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("interrupted while retrying a database transaction", e);
        }
    }
}
