package org.supportflow.routing.common;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Runs units of work in one JDBC transaction (READ COMMITTED, PostgreSQL's default) and retries them
 * when PostgreSQL aborts the transaction to break a deadlock or a serialization conflict, both of which
 * are expected when two replicas move the same agents' load at the same time.
 */
public final class Jdbc {

    /** A unit of work on an open connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    private final DataSource dataSource;
    private final int maxAttempts;

    public Jdbc(DataSource dataSource, int maxAttempts) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    public Jdbc(DataSource dataSource) {
        this(dataSource, 5);
    }

    public <T> T inTransaction(Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection, e);
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (!isRetryable(e)) {
                    throw new DataAccessException("database operation failed (SQLState " + e.getSQLState() + ")", e);
                }
                last = e;
                backOff(attempt);
            }
        }
        throw new DataAccessException("database operation kept conflicting after " + maxAttempts + " attempts", last);
    }

    static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (SERIALIZATION_FAILURE.equals(sql.getSQLState()) || DEADLOCK_DETECTED.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(50L, 5L * attempt * attempt) + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("interrupted while retrying a database operation", e);
        }
    }
}
