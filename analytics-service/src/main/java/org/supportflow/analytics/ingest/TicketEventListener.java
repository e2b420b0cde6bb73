package org.supportflow.analytics.ingest;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.analytics.common.InvalidEventException;
import org.supportflow.analytics.facts.FactRecorder;
import org.supportflow.analytics.metrics.AnalyticsMetrics;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;

/**
 * Consumes {@code ticket.events} into ticket facts (handoffs, first replies, resolutions, SLA breaches,
 * CSAT). Failures as for {@link RoutedMessageListener}, to {@code ticket.events.analytics-service.dlq}.
 */
@ApplicationScoped
public class TicketEventListener {

    private static final Logger LOG = Logger.getLogger(TicketEventListener.class);

    private final FactRecorder recorder;
    private final AnalyticsMetrics metrics;

    public TicketEventListener(FactRecorder recorder, AnalyticsMetrics metrics) {
        this.recorder = recorder;
        this.metrics = metrics;
    }

    @Incoming(Channels.TICKETS)
    @Blocking
    @Retry(maxRetries = 3, delay = 500, jitter = 200, abortOn = InvalidEventException.class)
    public void onTicketEvent(TicketEvent event) {
        if (event == null) {
            LOG.debug("ignoring a record without value on ticket.events");
            return;
        }
        try {
            FactRecorder.TicketOutcome outcome = recorder.record(event);
            metrics.event(Topics.TICKET_EVENTS, outcome.stored());
            if (outcome.stored()) {
                metrics.ticketStored(outcome);
            } else {
                LOG.debugf("ticket event %s already recorded", event.eventId());
            }
        } catch (InvalidEventException e) {
            LOG.warnf("invalid ticket event %s: %s", event.eventId(), e.getMessage());
            throw e;
        }
    }
}
