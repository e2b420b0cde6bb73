package org.supportflow.analytics.ingest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.analytics.facts.FactRecorder;
import org.supportflow.analytics.metrics.AnalyticsMetrics;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.web.messaging.PollConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code ticket.events} into ticket facts (handoffs, first replies, resolutions, SLA breaches,
 * CSAT), a poll per transaction. Failures as for {@link RoutedMessageListener}, to
 * {@code ticket.events.analytics-service.dlq}.
 */
@ApplicationScoped
public class TicketEventListener {

    private static final Logger LOG = Logger.getLogger(TicketEventListener.class);

    private final FactRecorder recorder;
    private final AnalyticsMetrics metrics;
    private final PollConsumer<TicketEvent> polls;

    public TicketEventListener(FactRecorder recorder, AnalyticsMetrics metrics,
                               @Channel(Channels.TICKETS_DEAD_LETTERS) Emitter<byte[]> deadLetters) {
        this.recorder = recorder;
        this.metrics = metrics;
        this.polls = new PollConsumer<>("ticket events", deadLetters);
    }

    @Incoming(Channels.TICKETS)
    @Blocking
    public CompletionStage<Void> onTicketEvents(KafkaRecordBatch<String, TicketEvent> batch) {
        try {
            record(batch);
        } catch (RuntimeException e) {
            // the poll is not done: the channel fails (failure-strategy=fail) rather than acknowledge it
            return batch.nack(e);
        }
        return batch.ack();
    }

    private void record(KafkaRecordBatch<String, TicketEvent> batch) {
        List<FactRecorder.TicketOutcome> outcomes = new ArrayList<>();
        polls.consume(batch, events -> outcomes.addAll(recorder.recordAllTickets(events)));
        for (FactRecorder.TicketOutcome outcome : outcomes) {
            metrics.event(Topics.TICKET_EVENTS, outcome.stored());
            if (outcome.stored()) {
                metrics.ticketStored(outcome);
            } else {
                LOG.debugf("ticket event %s already recorded", outcome.fact().eventId());
            }
        }
    }
}
