package org.supportflow.gateway.outbox;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.gateway.dedup.MessageKey;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes accepted messages on {@code conversation.inbound}, keyed by conversation id, and records each
 * acknowledgement in the outbox.
 *
 * <p>Why an outbox: the message is committed to PostgreSQL (with its event) before the channel gets its 202,
 * and published after the commit. If the process dies between the two, or Kafka is unavailable, the row
 * stays unpublished and {@link OutboxSweeper} publishes it later; nothing accepted is lost. The price is
 * at-least-once delivery in that window (the same {@code eventId} may be published twice), which consumers
 * absorb by de-duplicating on {@code eventId}/{@code messageId}.
 */
@ApplicationScoped
public class InboundPublisher {

    private static final Logger LOG = Logger.getLogger(InboundPublisher.class);

    @Inject
    @Channel("inbound")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    Emitter<Record<String, InboundMessageEvent>> emitter;

    @Inject
    PublishedMarker marker;

    /** Sends the event; the stage completes when Kafka acknowledged it (and the ack is queued for the outbox). */
    public CompletionStage<Void> publish(MessageKey key, InboundMessageEvent event) {
        CompletionStage<Void> sent;
        try {
            sent = emitter.send(Record.of(event.key(), event));
        } catch (RuntimeException e) {
            // buffer full or channel down: the row stays unpublished and the sweeper sends it later
            LOG.warnf("publishing %s on %s deferred to the outbox sweeper: %s", event.eventId(), key.channelId(),
                    e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        return sent.thenRun(() -> marker.published(key));
    }
}
