package org.supportflow.web.messaging;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Which failures pass by themselves (a dropped or refused database connection, a serialization conflict, a
 * deadlock, a lock wait that timed out, the server shutting down): worth the same work again after a pause,
 * never a reason to dead-letter a record.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** PostgreSQL's SQLSTATE classes: 08 connection, 40001 serialization, 40P01 deadlock, 55P03 lock not
     * available, 57P01..57P03 the server shutting down or starting. */
    static boolean isTransientState(String state) {
        return state != null && (state.startsWith("08") || state.equals("40001") || state.equals("40P01")
                || state.equals("55P03") || state.startsWith("57P0"));
    }
}
