package org.supportflow.ticket.ingest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.ticket.erasure.CustomerErasure;
import org.supportflow.ticket.publish.Channels;
import org.supportflow.web.LogSafe;
import org.supportflow.web.messaging.BatchConsumption;
import org.supportflow.web.messaging.DeadLetters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The Kafka side of ticket-service, on worker threads. The conversation topics come a poll at a time: the
 * bot-only part of a poll in one transaction ({@link BotPathIngest}), then the events that concern a ticket,
 * each in its own transaction as before ({@link ConversationIngest}), so every conversation keeps its order.
 * A poll that fails for good is applied record by record ({@link BatchConsumption}); a record that still
 * fails, or could not be deserialised, goes to the channel's dead-letter topic, and the poll is acknowledged
 * only once the dead-letter topic has it. Assignments and erasures are rare: one record at a time.
 */
@ApplicationScoped
public class KafkaListeners {

    private static final Logger LOG = Logger.getLogger(KafkaListeners.class);
    private static final TransientRetry RETRY = new TransientRetry(3, Duration.ofMillis(200));
    private static final Duration DEAD_LETTER_ACK_TIMEOUT = Duration.ofSeconds(30);

    private final ConversationIngest ingest;
    private final BotPathIngest botPath;
    private final CustomerErasure erasure;
    private final Emitter<byte[]> inboundDeadLetters;
    private final Emitter<byte[]> routedDeadLetters;
    private final Emitter<byte[]> outboundDeadLetters;
    private final Emitter<byte[]> deliveryDeadLetters;

    private final BatchConsumption<KafkaRecord<String, InboundMessageEvent>> inboundPolls =
            BatchConsumption.withDefaults("inbound events");
    private final BatchConsumption<KafkaRecord<String, RoutedMessageEvent>> routedPolls =
            BatchConsumption.withDefaults("routed events");
    private final BatchConsumption<KafkaRecord<String, OutboundMessageEvent>> outboundPolls =
            BatchConsumption.withDefaults("outbound events");
    private final BatchConsumption<KafkaRecord<String, DeliveryStatusEvent>> deliveryPolls =
            BatchConsumption.withDefaults("delivery status events");

    public KafkaListeners(ConversationIngest ingest, BotPathIngest botPath, CustomerErasure erasure,
                          @Channel(Channels.INBOUND_DLQ) Emitter<byte[]> inboundDeadLetters,
                          @Channel(Channels.ROUTED_DLQ) Emitter<byte[]> routedDeadLetters,
                          @Channel(Channels.OUTBOUND_IN_DLQ) Emitter<byte[]> outboundDeadLetters,
                          @Channel(Channels.DELIVERY_STATUS_DLQ) Emitter<byte[]> deliveryDeadLetters) {
        this.ingest = ingest;
        this.botPath = botPath;
        this.erasure = erasure;
        this.inboundDeadLetters = inboundDeadLetters;
        this.routedDeadLetters = routedDeadLetters;
        this.outboundDeadLetters = outboundDeadLetters;
        this.deliveryDeadLetters = deliveryDeadLetters;
    }

    @Incoming(Channels.INBOUND)
    @Blocking
    public CompletionStage<Void> inbound(KafkaRecordBatch<String, InboundMessageEvent> batch) {
        return consume(batch, inboundPolls, inboundDeadLetters, events -> botPath.inbound(events)
                .forEach(event -> RETRY.run("inbound event", () -> ingest.onInbound(event))));
    }

    @Incoming(Channels.ROUTED)
    @Blocking
    public CompletionStage<Void> routed(KafkaRecordBatch<String, RoutedMessageEvent> batch) {
        return consume(batch, routedPolls, routedDeadLetters, events -> botPath.routed(events)
                .forEach(event -> RETRY.run("routed event", () -> ingest.onRouted(event))));
    }

    @Incoming(Channels.OUTBOUND_IN)
    @Blocking
    public CompletionStage<Void> outbound(KafkaRecordBatch<String, OutboundMessageEvent> batch) {
        return consume(batch, outboundPolls, outboundDeadLetters, events -> botPath.outbound(events)
                .forEach(event -> RETRY.run("outbound event", () -> ingest.onOutbound(event))));
    }

    @Incoming(Channels.DELIVERY_STATUS)
    @Blocking
    public CompletionStage<Void> deliveryStatus(KafkaRecordBatch<String, DeliveryStatusEvent> batch) {
        return consume(batch, deliveryPolls, deliveryDeadLetters, botPath::deliveryStatuses);
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

    /** Unreadable records straight to the dead-letter topic; the rest as one unit of work. */
    private static <E> CompletionStage<Void> consume(KafkaRecordBatch<String, E> batch,
                                    BatchConsumption<KafkaRecord<String, E>> polls, Emitter<byte[]> deadLetters,
                                    Consumer<List<E>> apply) {
        List<KafkaRecord<String, E>> readable = new ArrayList<>();
        for (KafkaRecord<String, E> record : batch.getRecords()) {
            if (record.getPayload() == null) {
                deadLetter(deadLetters, record, DeadLetters.unreadable(record));
            } else {
                readable.add(record);
            }
        }
        polls.process(readable, records -> apply.accept(records.stream().map(KafkaRecord::getPayload).toList()),
                (record, cause) -> deadLetter(deadLetters, record, cause));
        // every record took effect or sits in the dead-letter topic: the poll's offsets may be committed
        return batch.ack();
    }

    /** Sends the record to the dead-letter topic and waits for Kafka's acknowledgement (else the poll fails). */
    private static void deadLetter(Emitter<byte[]> deadLetters, KafkaRecord<String, ?> record, Throwable cause) {
        LOG.warnf("record %s-%d of key %s goes to the dead-letter topic: %s", record.getTopic(), record.getPartition(),
                LogSafe.id(record.getKey()), cause.toString());
        DeadLetters.park(deadLetters, record, cause, DEAD_LETTER_ACK_TIMEOUT);
    }

    private static <T> T required(T event) {
        if (event == null) {
            throw new IllegalArgumentException("record without a readable event");
        }
        return event;
    }
}
