package org.supportflow.web.messaging;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Waits until the broker has taken what a consumer's poll produced, before the poll is acknowledged. The events
 * a consumer derives from its input are deterministic (derived ids), so sending them again after a failed
 * attempt only repeats what their consumers drop as duplicates; after the last attempt the poll fails (its
 * channel stops and the health check reports it) rather than being acknowledged without its output.
 */
public final class BrokerAcks {

    private static final Logger LOG = Logger.getLogger(BrokerAcks.class);
    /** Attempts at publishing (each bounded by the producer's delivery timeout). */
    private static final int ATTEMPTS = 5;

    private BrokerAcks() {
    }

    /**
     * @param send publishes the records, completing once the broker has acknowledged every one; called again
     *             for each attempt
     * @param what the records' name for log lines and errors
     */
    public static void await(Supplier<CompletionStage<?>> send, String what) {
        await(send, what, ATTEMPTS, Duration.ofSeconds(1));
    }

    static void await(Supplier<CompletionStage<?>> send, String what, int attempts, Duration pause) {
        for (int attempt = 1; ; attempt++) {
            try {
                send.get().toCompletableFuture().get();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker to take the " + what, e);
            } catch (ExecutionException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (attempt == attempts) {
                    throw new IllegalStateException("the broker did not take the " + what, cause);
                }
                LOG.warnf("publishing the %s of a poll failed (attempt %d), publishing them again: %s", what, attempt,
                        cause == null ? e.toString() : cause.toString());
                sleep(pause.multipliedBy(attempt));
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a poll's output", e);
        }
    }
}
