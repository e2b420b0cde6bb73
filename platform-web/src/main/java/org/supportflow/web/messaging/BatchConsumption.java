package org.supportflow.web.messaging;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a consumer applies one poll of records: all of them as one unit of work (one transaction, one commit),
 * instead of a transaction per record. A unit that fails for a passing reason (see {@link TransientFailures})
 * is run again after a growing pause; one that fails for good is split, and the records are applied one by
 * one in their order, so that only a poison record goes to the dead-letter topic and the records around it
 * still take effect. A transient failure is never a reason to dead-letter: while the database is away the
 * partition waits (pauses grow up to a cap) instead of parking records it could apply a minute later. Consumers are idempotent on event ids, so applying a record again after a failed unit
 * is harmless.
 *
 * <p>Framework-free: the caller supplies the unit of work (usually a transactional method) and the
 * dead-letter sink; the class holds no state between polls and is safe to share.
 *
 * @param <T> a record as the consumer received it (payload, or the whole Kafka record)
 */
public final class BatchConsumption<T> {

    private static final Logger LOG = Logger.getLogger(BatchConsumption.class);

    /** The work for a list of records, all or nothing (one transaction). */
    @FunctionalInterface
    public interface Unit<T> {
        void apply(List<T> records);
    }

    /** Where a record that cannot be applied goes (the consumer's dead-letter topic). */
    @FunctionalInterface
    public interface DeadLetters<T> {
        void send(T record, RuntimeException cause);
    }

    /** What became of a poll: how many records took effect, how many were dead-lettered, how many units ran. */
    public record Outcome(int applied, int deadLettered, int units) {
    }

    /** Waits between attempts; a parameter so that tests need not sleep. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final String what;
    private final Duration backoff;
    private final Duration maxPause;
    private final Predicate<Throwable> transientFailure;
    private final Pause pause;

    /**
     * @param what             the records' name for log lines and exceptions (e.g. "routed events")
     * @param backoff          the pause after the first transient failure; the n-th pause is n times as long
     * @param maxPause         the longest pause between two attempts
     * @param transientFailure which failures are worth another attempt
     */
    public BatchConsumption(String what, Duration backoff, Duration maxPause, Predicate<Throwable> transientFailure) {
        this(what, backoff, maxPause, transientFailure, duration -> Thread.sleep(duration.toMillis()));
    }

    BatchConsumption(String what, Duration backoff, Duration maxPause, Predicate<Throwable> transientFailure,
                     Pause pause) {
        if (backoff.isNegative() || maxPause.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("need 0 <= backoff <= maxPause");
        }
        this.what = Objects.requireNonNull(what);
        this.backoff = backoff;
        this.maxPause = maxPause;
        this.transientFailure = Objects.requireNonNull(transientFailure);
        this.pause = Objects.requireNonNull(pause);
    }

    /** The usual policy: 200 ms more pause after each transient failure, at most 5 s, {@link TransientFailures}. */
    public static <T> BatchConsumption<T> withDefaults(String what) {
        return new BatchConsumption<>(what, Duration.ofMillis(200), Duration.ofSeconds(5),
                TransientFailures::isTransient);
    }

    /**
     * Applies a poll: returns once every record has taken effect or been dead-lettered. Throws only when the
     * thread is interrupted while waiting out a transient failure (shutdown); the poll is then not done.
     */
    public Outcome process(List<T> records, Unit<T> unit, DeadLetters<T> deadLetters) {
        if (records.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        RuntimeException failure = attempt(records, unit);
        if (failure == null) {
            return new Outcome(records.size(), 0, 1);
        }
        if (records.size() == 1) {
            deadLetters.send(records.get(0), failure);
            return new Outcome(0, 1, 1);
        }
        int applied = 0;
        List<T> poisoned = new ArrayList<>();
        for (T record : records) {
            RuntimeException alone = attempt(List.of(record), unit);
            if (alone == null) {
                applied++;
            } else {
                deadLetters.send(record, alone);
                poisoned.add(record);
            }
        }
        return new Outcome(applied, poisoned.size(), 1 + records.size());
    }

    /** Runs the unit until it succeeds (null) or fails for a lasting reason (the failure). */
    private RuntimeException attempt(List<T> records, Unit<T> unit) {
        for (int attempt = 1; ; attempt++) {
            try {
                unit.apply(records);
                return null;
            } catch (RuntimeException e) {
                if (!transientFailure.test(e)) {
                    return e;
                }
                Duration wait = backoff.multipliedBy(Math.min(attempt, 1_000));
                if (wait.compareTo(maxPause) > 0) {
                    wait = maxPause;
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warnf("%s: %d record(s) failed for a passing reason (attempt %d), trying again in %d ms: %s",
                            what, records.size(), attempt, wait.toMillis(), e.getClass().getSimpleName());
                }
                try {
                    pause.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(what + ": interrupted while waiting to retry", interrupted);
                }
            }
        }
    }
}
