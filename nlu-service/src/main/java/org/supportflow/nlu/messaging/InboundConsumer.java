package org.supportflow.nlu.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.nlu.metrics.ClassificationMetrics;
import org.supportflow.nlu.pipeline.NluPipeline;
import org.supportflow.web.LogSafe;
import org.supportflow.web.messaging.BrokerAcks;
import org.supportflow.web.messaging.PollConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code conversation.inbound} → NLU → {@code conversation.classified}, keyed by conversation id. The raw
 * text and the customer's name stay here: the classified event carries the masked text only.
 * <p>
 * A poll at a time: each message is sent on as soon as it is classified (batching costs no latency), and the
 * poll is acknowledged once the broker has taken all of them; per-record delivery cost more than the
 * classification itself. A record that cannot be read, or whose classification fails, goes to
 * {@code conversation.inbound.nlu-service.dlq} ({@link PollConsumer}) and the rest of its poll goes on.
 * Processing is ordered per partition, so one conversation stays in order.
 */
@ApplicationScoped
public class InboundConsumer {

    private static final Logger LOG = Logger.getLogger(InboundConsumer.class);

    private final NluPipeline pipeline;
    private final ClassificationMetrics metrics;
    private final Emitter<Record<String, ClassifiedMessageEvent>> classified;
    private final PollConsumer<InboundMessageEvent> polls;

    public InboundConsumer(NluPipeline pipeline, ClassificationMetrics metrics,
                           @Channel(Channels.CLASSIFIED) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
                                   bufferSize = 16384) Emitter<Record<String, ClassifiedMessageEvent>> classified,
                           @Channel(Channels.INBOUND_DEAD_LETTERS) Emitter<byte[]> deadLetters) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.classified = classified;
        this.polls = new PollConsumer<>("inbound messages", deadLetters);
    }

    @Incoming(Channels.INBOUND)
    @Blocking(ordered = true)
    public CompletionStage<Void> classifyPoll(KafkaRecordBatch<String, InboundMessageEvent> batch) {
        List<ClassifiedMessageEvent> done = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        try {
            polls.consume(batch, events -> {
                for (InboundMessageEvent inbound : events) {
                    // a unit that fails after some sends is classified again: the same events, dropped as
                    // duplicates downstream (derived ids)
                    ClassifiedMessageEvent event = classify(inbound);
                    done.add(event);
                    sends.add(send(event));
                }
            });
            BrokerAcks.await(attempt -> attempt == 1 ? allOf(sends) : allOf(done.stream().map(this::send).toList()),
                    "classified events");
        } catch (RuntimeException e) {
            // the poll is not done: the channel fails (failure-strategy=fail) rather than acknowledge it
            return batch.nack(e);
        }
        return batch.ack();
    }

    /** One message's reading; the text decides the language (a Korean customer writing English gets English). */
    ClassifiedMessageEvent classify(InboundMessageEvent inbound) {
        NluResult result = pipeline.analyze(inbound.text(), null);
        metrics.record(result);
        LOG.debugf("classified message %s of conversation %s as %s (%.2f)", LogSafe.id(inbound.messageId()),
                inbound.conversationId(), result.intent(), result.confidence());
        return ClassifiedMessageEvent.of(inbound, result);
    }

    private CompletableFuture<?> send(ClassifiedMessageEvent event) {
        return classified.send(Record.of(event.key(), event)).toCompletableFuture();
    }

    private static CompletableFuture<Void> allOf(List<? extends CompletableFuture<?>> sends) {
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }
}
