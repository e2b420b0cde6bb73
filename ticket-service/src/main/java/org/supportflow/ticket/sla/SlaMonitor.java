package org.supportflow.ticket.sla;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Runs the breach check on a schedule ({@code ticket.sla.check-every}). */
@ApplicationScoped
public class SlaMonitor {

    private static final Logger LOG = Logger.getLogger(SlaMonitor.class);

    private final SlaBreaches breaches;
    private final Clock clock;

    public SlaMonitor(SlaBreaches breaches, Clock clock) {
        this.breaches = breaches;
        this.clock = clock;
    }

    @Scheduled(identity = "sla-breaches", every = "${ticket.sla.check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            int found = breaches.publishBreaches(clock.instant());
            if (found > 0) {
                LOG.infof("%d SLA breaches published", found);
            }
        } catch (RuntimeException e) {
            LOG.error("SLA breach check failed; retrying at the next run", e);
        }
    }
}
