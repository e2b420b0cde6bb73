package org.supportflow.web.messaging;

import org.supportflow.web.jdbc.SqlStates;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Which failures pass by themselves (a dropped or refused database connection, a serialization conflict, a
 * deadlock, a lock wait that timed out, the server shutting down): worth the same work again after a pause,
 * never a reason to dead-letter a record. The SQLSTATEs are {@link SqlStates#isTransient}'s.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        return SqlStates.anyCause(failure, sql -> sql instanceof SQLTransientException
                || sql instanceof SQLRecoverableException || SqlStates.isTransient(sql.getSQLState()));
    }
}
