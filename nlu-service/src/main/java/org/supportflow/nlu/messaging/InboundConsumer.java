package org.supportflow.nlu.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.nlu.metrics.ClassificationMetrics;
import org.supportflow.nlu.pipeline.NluPipeline;
import org.supportflow.web.LogSafe;

/**
 * {@code conversation.inbound} → NLU → {@code conversation.classified}, keyed by conversation id. The raw
 * text and the customer's name stay here: the classified event carries the masked text only. A record
 * that cannot be read, or whose processing fails, goes to {@code conversation.inbound.nlu-service.dlq}.
 * Processing is ordered per partition, so one conversation stays in order.
 */
@ApplicationScoped
public class InboundConsumer {

    private static final Logger LOG = Logger.getLogger(InboundConsumer.class);

    private final NluPipeline pipeline;
    private final ClassificationMetrics metrics;

    public InboundConsumer(NluPipeline pipeline, ClassificationMetrics metrics) {
        this.pipeline = pipeline;
        this.metrics = metrics;
    }

    @Incoming(Channels.INBOUND)
    @Outgoing(Channels.CLASSIFIED)
    @Blocking(ordered = true)
    public Record<String, ClassifiedMessageEvent> classify(InboundMessageEvent inbound) {
        if (inbound == null) {
            throw new IllegalArgumentException("empty inbound record");
        }
        // The text decides the language (a Korean customer writing English gets English), not the locale.
        NluResult result = pipeline.analyze(inbound.text(), null);
        metrics.record(result);
        ClassifiedMessageEvent event = ClassifiedMessageEvent.of(inbound, result);
        LOG.debugf("classified message %s of conversation %s as %s (%.2f)", LogSafe.id(inbound.messageId()),
                inbound.conversationId(), result.intent(), result.confidence());
        return Record.of(event.key(), event);
    }

}
