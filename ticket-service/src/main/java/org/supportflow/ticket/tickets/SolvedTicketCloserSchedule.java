package org.supportflow.ticket.tickets;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.ticket.common.TicketConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Runs {@link SolvedTicketCloser} every {@code ticket.auto-close.check-every}. */
@ApplicationScoped
public class SolvedTicketCloserSchedule {

    private static final Logger LOG = Logger.getLogger(SolvedTicketCloserSchedule.class);

    private final SolvedTicketCloser closer;
    private final Clock clock;
    private final Duration after;

    public SolvedTicketCloserSchedule(SolvedTicketCloser closer, Clock clock, TicketConfig config) {
        this.closer = closer;
        this.clock = clock;
        this.after = config.autoClose().after();
    }

    @Scheduled(identity = "close-solved-tickets", every = "${ticket.auto-close.check-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            Instant now = clock.instant();
            int closed = closer.closeSolvedBefore(now.minus(after), now);
            if (closed > 0) {
                LOG.infof("%d solved tickets closed", closed);
            }
        } catch (RuntimeException e) {
            LOG.error("closing solved tickets failed; retrying at the next run", e);
        }
    }
}
