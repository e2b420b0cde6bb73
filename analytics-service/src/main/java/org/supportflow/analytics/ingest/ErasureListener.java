package org.supportflow.analytics.ingest;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.analytics.common.InvalidEventException;
import org.supportflow.analytics.erasure.ErasureService;
import org.supportflow.analytics.metrics.AnalyticsMetrics;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.Topics;

/**
 * Consumes {@code customer.erasure}: clears the customer's masked texts, keeps the counts. The customer
 * id is never logged.
 */
@ApplicationScoped
public class ErasureListener {

    private static final Logger LOG = Logger.getLogger(ErasureListener.class);

    private final ErasureService erasure;
    private final AnalyticsMetrics metrics;

    public ErasureListener(ErasureService erasure, AnalyticsMetrics metrics) {
        this.erasure = erasure;
        this.metrics = metrics;
    }

    @Incoming(Channels.ERASURE)
    @Blocking
    @Retry(maxRetries = 5, delay = 1000, jitter = 200, abortOn = InvalidEventException.class)
    public void onErasure(CustomerErasureEvent event) {
        if (event == null) {
            LOG.debug("ignoring a record without value on customer.erasure");
            return;
        }
        try {
            ErasureService.Outcome outcome = erasure.erase(event);
            metrics.event(Topics.CUSTOMER_ERASURE, outcome.firstTime());
            LOG.infof("erasure %s: %d conversation(s), %d message text(s) cleared", event.eventId(),
                    outcome.conversations(), outcome.messagesErased());
        } catch (InvalidEventException e) {
            LOG.warnf("invalid erasure event %s: %s", event.eventId(), e.getMessage());
            throw e;
        }
    }
}
