package org.supportflow.ticket.ingest;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.jboss.logging.Logger;
import org.supportflow.web.messaging.TransientFailures;

import java.time.Duration;

/**
 * Runs a record's handling again when it failed for a passing reason (a lock conflict with a concurrent
 * writer, a dropped database connection) before the record is given up to the dead-letter topic.
 * Each attempt is its own transaction, so a retry starts from committed state.
 */
public final class TransientRetry {

    private static final Logger LOG = Logger.getLogger(TransientRetry.class);

    private final int attempts;
    private final Duration backoff;

    public TransientRetry(int attempts, Duration backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
        this.backoff = backoff;
    }

    public void run(String what, Runnable work) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                LOG.warnf("%s failed transiently (attempt %d of %d): %s", what, attempt, attempts,
                        e.getClass().getSimpleName());
                sleep(backoff.multipliedBy(attempt));
            }
        }
    }

    /** The platform's transient database failures, and JPA's and Hibernate's names for lock conflicts. */
    static boolean isTransient(Throwable failure) {
        if (TransientFailures.isTransient(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockException || cause instanceof LockTimeoutException
                    || cause instanceof OptimisticLockException || cause instanceof LockAcquisitionException
                    || cause instanceof JDBCConnectionException
                    || cause instanceof org.hibernate.StaleObjectStateException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
