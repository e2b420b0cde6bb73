package org.supportflow.gateway.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.dedup.MessageKey;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes accepted messages whose event was not acknowledged within {@code gateway.outbox.sweep-after}
 * (crash between commit and publish, Kafka outage). Rows are locked with {@code SKIP LOCKED}, so two replicas
 * sweep disjoint batches; a row is marked published only after Kafka acknowledged it.
 */
@ApplicationScoped
public class OutboxSweeper {

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class);

    private final OutboxStore store;
    private final InboundPublisher publisher;
    private final GatewayConfig.Outbox config;
    private final Clock clock;

    public OutboxSweeper(OutboxStore store, InboundPublisher publisher, GatewayConfig config, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.config = config.outbox();
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.outbox.sweep-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        int published;
        do {
            published = sweepBatch();
        } while (published >= config.sweepBatchSize());
    }

    /** Publishes one batch; returns how many events Kafka acknowledged. */
    public int sweepBatch() {
        return QuarkusTransaction.requiringNew().timeout((int) config.publishTimeout().toSeconds() + 30).call(() -> {
            List<PendingEvent> pending = store.lockUnpublished(clock.instant().minus(config.sweepAfter()),
                    config.sweepBatchSize());
            if (pending.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<MessageKey>> sends = new ArrayList<>();
            for (PendingEvent event : pending) {
                InboundMessageEvent inbound = EventJson.fromJson(event.eventJson(), InboundMessageEvent.class);
                sends.add(publisher.publish(event.key(), inbound).thenApply(ignored -> event.key()).toCompletableFuture());
            }
            List<MessageKey> acknowledged = new ArrayList<>();
            long deadline = System.nanoTime() + config.publishTimeout().toNanos();
            for (CompletableFuture<MessageKey> send : sends) {
                try {
                    acknowledged.add(send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    // stays unpublished; the next sweep tries again
                }
            }
            store.markPublished(acknowledged, clock.instant());
            LOG.infof("outbox sweep re-published %d of %d pending inbound events", acknowledged.size(), pending.size());
            return acknowledged.size();
        });
    }
}
