package org.supportflow.ticket.ingest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.ticket.erasure.CustomerErasure;
import org.supportflow.ticket.publish.Channels;
import org.supportflow.web.messaging.PollConsumer;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The Kafka side of ticket-service, on worker threads. The conversation topics come a poll at a time, each poll
 * in one transaction ({@link PollIngest}: the bot-only history, then the events that concern a ticket).
 * A poll that fails for good is applied record by record ({@link PollConsumer}); a record that still
 * fails, or could not be deserialised, goes to the channel's dead-letter topic, and the poll is acknowledged
 * only once the dead-letter topic has it. Assignments and erasures are rare: one record at a time.
 */
@ApplicationScoped
public class KafkaListeners {

    private static final TransientRetry RETRY = new TransientRetry(3, Duration.ofMillis(200));

    private final ConversationIngest ingest;
    private final PollIngest polls;
    private final CustomerErasure erasure;
    private final PollConsumer<InboundMessageEvent> inboundPolls;
    private final PollConsumer<RoutedMessageEvent> routedPolls;
    private final PollConsumer<OutboundMessageEvent> outboundPolls;
    private final PollConsumer<DeliveryStatusEvent> deliveryPolls;

    public KafkaListeners(ConversationIngest ingest, PollIngest polls, CustomerErasure erasure,
                          @Channel(Channels.INBOUND_DLQ) Emitter<byte[]> inboundDeadLetters,
                          @Channel(Channels.ROUTED_DLQ) Emitter<byte[]> routedDeadLetters,
                          @Channel(Channels.OUTBOUND_IN_DLQ) Emitter<byte[]> outboundDeadLetters,
                          @Channel(Channels.DELIVERY_STATUS_DLQ) Emitter<byte[]> deliveryDeadLetters) {
        this.ingest = ingest;
        this.polls = polls;
        this.erasure = erasure;
        this.inboundPolls = new PollConsumer<>("inbound events", inboundDeadLetters);
        this.routedPolls = new PollConsumer<>("routed events", routedDeadLetters);
        this.outboundPolls = new PollConsumer<>("outbound events", outboundDeadLetters);
        this.deliveryPolls = new PollConsumer<>("delivery status events", deliveryDeadLetters);
    }

    @Incoming(Channels.INBOUND)
    @Blocking
    public CompletionStage<Void> inbound(KafkaRecordBatch<String, InboundMessageEvent> batch) {
        inboundPolls.consume(batch, events -> RETRY.run("inbound poll", () -> polls.inbound(events)));
        return batch.ack();
    }

    @Incoming(Channels.ROUTED)
    @Blocking
    public CompletionStage<Void> routed(KafkaRecordBatch<String, RoutedMessageEvent> batch) {
        routedPolls.consume(batch, events -> RETRY.run("routed poll", () -> polls.routed(events)));
        return batch.ack();
    }

    @Incoming(Channels.OUTBOUND_IN)
    @Blocking
    public CompletionStage<Void> outbound(KafkaRecordBatch<String, OutboundMessageEvent> batch) {
        outboundPolls.consume(batch, events -> RETRY.run("outbound poll", () -> polls.outbound(events)));
        return batch.ack();
    }

    @Incoming(Channels.DELIVERY_STATUS)
    @Blocking
    public CompletionStage<Void> deliveryStatus(KafkaRecordBatch<String, DeliveryStatusEvent> batch) {
        deliveryPolls.consume(batch, polls::deliveryStatuses);
        return batch.ack();
    }

    @Incoming(Channels.ASSIGNMENTS)
    @Blocking
    public void assignment(AgentAssignmentEvent event) {
        RETRY.run("assignment event", () -> ingest.onAssignment(required(event)));
    }

    @Incoming(Channels.ERASURE_IN)
    @Blocking
    public void erasure(CustomerErasureEvent event) {
        RETRY.run("erasure event", () -> erasure.applyFromEvent(required(event)));
    }

    private static <T> T required(T event) {
        if (event == null) {
            throw new IllegalArgumentException("record without a readable event");
        }
        return event;
    }
}
