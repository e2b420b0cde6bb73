package org.supportflow.gateway.delivery;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.gateway.replies.ReplyStore;
import org.supportflow.web.messaging.PollConsumer;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code conversation.outbound} in the shared group {@code gateway-service}: every reply is delivered by one
 * replica. A poll is stored in one transaction ({@link PollConsumer}: a record that cannot be stored is
 * isolated), then each reply is delivered in the poll's order (so a conversation's replies go out in order).
 * A failed delivery, an undecodable record or a reply for an unknown channel goes to
 * {@code conversation.outbound.gateway-service.dlq}.
 */
@ApplicationScoped
public class OutboundDeliveryListener {

    private final ReplyDelivery delivery;
    private final PollConsumer<OutboundMessageEvent> polls;

    public OutboundDeliveryListener(ReplyDelivery delivery,
                                    @Channel("outbound-dead-letters") Emitter<byte[]> deadLetters) {
        this.delivery = delivery;
        this.polls = new PollConsumer<>("outbound replies", deadLetters);
    }

    /** Acknowledges the poll (its offsets) once every record was delivered or dead-lettered. */
    @Incoming("outbound")
    @Blocking
    public CompletionStage<Void> onReplies(KafkaRecordBatch<String, OutboundMessageEvent> batch) {
        List<KafkaRecord<String, OutboundMessageEvent>> storable = new ArrayList<>();
        Map<KafkaRecord<String, OutboundMessageEvent>, org.supportflow.gateway.channel.Channel> channelOf =
                new IdentityHashMap<>();
        for (KafkaRecord<String, OutboundMessageEvent> record : polls.readable(batch)) {
            var channel = delivery.channelOf(record.getPayload());
            if (channel.isEmpty()) {
                polls.park(record, new DeliveryFailure("reply for an unknown channel", false, null));
                continue;
            }
            channelOf.put(record, channel.get());
            storable.add(record);
        }
        Map<KafkaRecord<String, OutboundMessageEvent>, ReplyStore.Stored> stored = new IdentityHashMap<>();
        polls.apply(storable, records -> {
            List<ReplyStore.Stored> done = delivery.store(records.stream().map(KafkaRecord::getPayload).toList());
            for (int i = 0; i < records.size(); i++) {
                stored.put(records.get(i), done.get(i));
            }
        });
        for (KafkaRecord<String, OutboundMessageEvent> record : storable) {
            ReplyStore.Stored reply = stored.get(record);
            if (reply == null) {
                continue; // dead-lettered above
            }
            try {
                delivery.deliverStored(channelOf.get(record), reply).await().indefinitely();
            } catch (RuntimeException e) {
                polls.park(record, e);
            }
        }
        return batch.ack();
    }
}
