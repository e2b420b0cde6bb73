package org.supportflow.web.jdbc;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one classification of PostgreSQL's SQLSTATEs the services act on: which failures are a conflict
 * between concurrent transactions (the server rolled the transaction back; the same work in a new transaction
 * normally succeeds) and which pass by themselves more generally.
 */
public final class SqlStates {

    /** Guards the cause walk against a chain that loops back on itself. */
    private static final int MAX_CAUSES = 64;

    private SqlStates() {
    }

    /** 40001 serialization failure, 40P01 deadlock detected: the server aborted the transaction. */
    public static boolean isConflict(String state) {
        return "40001".equals(state) || "40P01".equals(state);
    }

    /**
     * A conflict, or 08 connection, 55P03 lock not available, 57P01..57P03 the server shutting down or
     * starting: worth the same work again after a pause. Unlike a conflict, a connection lost during a commit
     * leaves unknown whether the work took effect, so only idempotent work may be re-run on these.
     */
    public static boolean isTransient(String state) {
        return isConflict(state) || state != null && (state.startsWith("08") || state.equals("55P03")
                || state.startsWith("57P0"));
    }

    /** Whether {@code failure} or one of its causes is an {@link SQLException} that {@code test} accepts. */
    public static boolean anyCause(Throwable failure, Predicate<SQLException> test) {
        return firstCause(failure, test).isPresent();
    }

    /** The first of {@code failure} and its causes that is an {@link SQLException} {@code test} accepts. */
    public static Optional<SQLException> firstCause(Throwable failure, Predicate<SQLException> test) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && test.test(sql)) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
