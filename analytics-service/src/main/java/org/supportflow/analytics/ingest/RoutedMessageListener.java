package org.supportflow.analytics.ingest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.analytics.common.AnalyticsConfig;
import org.supportflow.analytics.facts.FactRecorder;
import org.supportflow.analytics.metrics.AnalyticsMetrics;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.web.messaging.BatchConsumption;
import org.supportflow.web.messaging.PollConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code conversation.routed} into message facts, a poll at a time: one transaction and one
 * multi-row insert per poll. Transient failures (the database) are waited out; a record that cannot be
 * read, or an event that cannot be recorded (invalid), goes to {@code conversation.routed.analytics-service.dlq}
 * while the rest of the poll is recorded ({@link BatchConsumption}). The poll is acknowledged after that.
 */
@ApplicationScoped
public class RoutedMessageListener {

    private static final Logger LOG = Logger.getLogger(RoutedMessageListener.class);

    private final FactRecorder recorder;
    private final AnalyticsMetrics metrics;
    private final double confidenceThreshold;
    private final PollConsumer<RoutedMessageEvent> polls;

    public RoutedMessageListener(FactRecorder recorder, AnalyticsMetrics metrics, AnalyticsConfig config,
                                 @Channel(Channels.ROUTED_DEAD_LETTERS) Emitter<byte[]> deadLetters) {
        this.recorder = recorder;
        this.metrics = metrics;
        this.confidenceThreshold = config.unrecognized().confidenceThreshold();
        this.polls = new PollConsumer<>("routed messages", deadLetters);
    }

    @Incoming(Channels.ROUTED)
    @Blocking
    public CompletionStage<Void> onRouted(KafkaRecordBatch<String, RoutedMessageEvent> batch) {
        try {
            record(batch);
        } catch (RuntimeException e) {
            // the poll is not done: the channel fails (failure-strategy=fail) rather than acknowledge it
            return batch.nack(e);
        }
        return batch.ack();
    }

    private void record(KafkaRecordBatch<String, RoutedMessageEvent> batch) {
        // Outcomes only of committed units: they are what the metrics count.
        List<FactRecorder.MessageOutcome> outcomes = new ArrayList<>();
        polls.consume(batch, events -> outcomes.addAll(recorder.recordAll(events)));
        for (FactRecorder.MessageOutcome outcome : outcomes) {
            metrics.event(Topics.CONVERSATION_ROUTED, outcome.stored());
            if (outcome.stored()) {
                metrics.messageStored(outcome, outcome.fact().notUnderstood(confidenceThreshold));
            } else {
                LOG.debugf("routed event %s already recorded", outcome.fact().eventId());
            }
        }
    }
}
