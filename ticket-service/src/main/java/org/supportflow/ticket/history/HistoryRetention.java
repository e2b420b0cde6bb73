package org.supportflow.ticket.history;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.ticket.common.TicketConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets the history of bot-only conversations older than {@code ticket.retention.bot-history}, in slices
 * (short transactions); the history of a conversation that has a ticket stays with its transcript.
 */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);
    private static final int SLICE = 5_000;

    private final HistoryStore history;
    private final Clock clock;
    private final Duration keep;

    public HistoryRetention(HistoryStore history, Clock clock, TicketConfig config) {
        this.history = history;
        this.clock = clock;
        this.keep = config.retention().botHistory();
    }

    @Scheduled(identity = "bot-history-retention", every = "${ticket.retention.check-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int deleted = purge(clock.instant().minus(keep));
            if (deleted > 0) {
                LOG.infof("retention: %d bot-only history rows deleted", deleted);
            }
        } catch (RuntimeException e) {
            LOG.error("deleting old bot-only history failed; retrying at the next run", e);
        }
    }

    /** Deletes every history row older than {@code cutoff} of conversations without a ticket; returns how many. */
    public int purge(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> history.deleteBefore(cutoff, SLICE));
            total += deleted;
        } while (deleted == SLICE);
        return total;
    }
}
