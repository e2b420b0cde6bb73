package org.supportflow.analytics.ingest;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.analytics.common.AnalyticsConfig;
import org.supportflow.analytics.common.InvalidEventException;
import org.supportflow.analytics.facts.FactRecorder;
import org.supportflow.analytics.metrics.AnalyticsMetrics;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.Topics;

/**
 * Consumes {@code conversation.routed} into message facts. Transient failures (the database) are
 * retried; an invalid event, or one that still fails, is nacked to
 * {@code conversation.routed.analytics-service.dlq}.
 */
@ApplicationScoped
public class RoutedMessageListener {

    private static final Logger LOG = Logger.getLogger(RoutedMessageListener.class);

    private final FactRecorder recorder;
    private final AnalyticsMetrics metrics;
    private final double confidenceThreshold;

    public RoutedMessageListener(FactRecorder recorder, AnalyticsMetrics metrics, AnalyticsConfig config) {
        this.recorder = recorder;
        this.metrics = metrics;
        this.confidenceThreshold = config.unrecognized().confidenceThreshold();
    }

    @Incoming(Channels.ROUTED)
    @Blocking
    @Retry(maxRetries = 3, delay = 500, jitter = 200, abortOn = InvalidEventException.class)
    public void onRouted(RoutedMessageEvent event) {
        if (event == null) {
            LOG.debug("ignoring a record without value on conversation.routed");
            return;
        }
        try {
            FactRecorder.MessageOutcome outcome = recorder.record(event);
            metrics.event(Topics.CONVERSATION_ROUTED, outcome.stored());
            if (outcome.stored()) {
                metrics.messageStored(outcome, outcome.fact().notUnderstood(confidenceThreshold));
            } else {
                LOG.debugf("routed event %s already recorded", event.eventId());
            }
        } catch (InvalidEventException e) {
            LOG.warnf("invalid routed event %s: %s", event.eventId(), e.getMessage());
            throw e;
        }
    }
}
