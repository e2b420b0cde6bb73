package org.supportflow.gateway.delivery;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.gateway.replies.ReplyStore;
import org.supportflow.web.LogSafe;
import org.supportflow.web.messaging.BatchConsumption;
import org.supportflow.web.messaging.DeadLetters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code conversation.outbound} in the shared group {@code gateway-service}: every reply is delivered by one
 * replica. A poll is stored in one transaction ({@link BatchConsumption}: a record that cannot be stored is
 * isolated), then each reply is delivered in the poll's order (so a conversation's replies go out in order).
 * A failed delivery, an undecodable record or a reply for an unknown channel goes to
 * {@code conversation.outbound.gateway-service.dlq}.
 */
@ApplicationScoped
public class OutboundDeliveryListener {

    private static final Logger LOG = Logger.getLogger(OutboundDeliveryListener.class);
    private static final Duration DEAD_LETTER_ACK_TIMEOUT = Duration.ofSeconds(30);

    private final ReplyDelivery delivery;
    private final Emitter<byte[]> deadLetters;
    private final BatchConsumption<KafkaRecord<String, OutboundMessageEvent>> consumption =
            BatchConsumption.withDefaults("outbound replies");

    public OutboundDeliveryListener(ReplyDelivery delivery,
                                    @Channel("outbound-dead-letters") Emitter<byte[]> deadLetters) {
        this.delivery = delivery;
        this.deadLetters = deadLetters;
    }

    /** Acknowledges the poll (its offsets) once every record was delivered or dead-lettered. */
    @Incoming("outbound")
    @Blocking
    public CompletionStage<Void> onReplies(KafkaRecordBatch<String, OutboundMessageEvent> batch) {
        List<KafkaRecord<String, OutboundMessageEvent>> storable = new ArrayList<>();
        Map<KafkaRecord<String, OutboundMessageEvent>, org.supportflow.gateway.channel.Channel> channelOf =
                new IdentityHashMap<>();
        for (KafkaRecord<String, OutboundMessageEvent> record : batch) {
            OutboundMessageEvent event = record.getPayload();
            if (event == null) {
                deadLetter(record, DeadLetters.unreadable(record));
                continue;
            }
            var channel = delivery.channelOf(event);
            if (channel.isEmpty()) {
                deadLetter(record, new DeliveryFailure("reply for an unknown channel", false, null));
                continue;
            }
            channelOf.put(record, channel.get());
            storable.add(record);
        }
        Map<KafkaRecord<String, OutboundMessageEvent>, ReplyStore.Stored> stored = new IdentityHashMap<>();
        consumption.process(storable, records -> {
            List<ReplyStore.Stored> done = delivery.store(records.stream().map(KafkaRecord::getPayload).toList());
            for (int i = 0; i < records.size(); i++) {
                stored.put(records.get(i), done.get(i));
            }
        }, this::deadLetter);
        for (KafkaRecord<String, OutboundMessageEvent> record : storable) {
            ReplyStore.Stored reply = stored.get(record);
            if (reply == null) {
                continue; // dead-lettered above
            }
            try {
                delivery.deliverStored(channelOf.get(record), reply).await().indefinitely();
            } catch (RuntimeException e) {
                deadLetter(record, e);
            }
        }
        return batch.ack();
    }

    /** Parks a record on the dead-letter topic; a record the topic did not take fails the poll (redelivered). */
    private void deadLetter(KafkaRecord<String, OutboundMessageEvent> record, RuntimeException cause) {
        LOG.warnf("reply record of key %s goes to the dead-letter topic: %s", LogSafe.id(record.getKey()),
                cause.toString());
        DeadLetters.park(deadLetters, record, cause, DEAD_LETTER_ACK_TIMEOUT);
    }
}
