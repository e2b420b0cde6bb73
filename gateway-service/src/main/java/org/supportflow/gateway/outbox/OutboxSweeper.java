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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes accepted messages whose event was not acknowledged within {@code gateway.outbox.sweep-after}
 * (crash between commit and publish, Kafka outage). One sweep at a time across replicas (an advisory lock held
 * for the sweep's transaction), oldest first; a row is marked published only after Kafka acknowledged it.
 *
 * <p>Per conversation (the Kafka key) in the order the messages were accepted: a message is handed to Kafka only
 * once the earlier ones of its conversation in the batch were acknowledged; a failure keeps it and the later ones of
 * its conversation for the next sweep, while other conversations go on. Sending a whole batch at once would count on
 * the producer keeping a batch's sends in order when some of them fail, which it does not (an expired batch bumps
 * the idempotent producer's epoch; batches behind it can still be written), and two replicas sweeping disjoint
 * rows of one conversation could interleave them. A sweep ends only once every send it started has its verdict.
 */
@ApplicationScoped
public class OutboxSweeper {

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class);

    private final OutboxStore store;
    private final InboundPublisher publisher;
    private final GatewayConfig.Outbox config;
    private final Clock clock;
    /** Hands each conversation's next message to Kafka once the previous one was acknowledged. */
    private final Executor sender = Executors.newVirtualThreadPerTaskExecutor();

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
        int timeout = 2 * (int) config.publishTimeout().toSeconds() + 30;
        return QuarkusTransaction.requiringNew().timeout(timeout).call(() -> {
            if (!store.takeSweepTurn()) {
                return 0;
            }
            List<PendingEvent> pending = store.lockUnpublished(clock.instant().minus(config.sweepAfter()),
                    config.sweepBatchSize());
            if (pending.isEmpty()) {
                return 0;
            }
            Map<String, List<Map.Entry<MessageKey, InboundMessageEvent>>> byConversation = new LinkedHashMap<>();
            for (PendingEvent event : pending) {
                InboundMessageEvent inbound = EventJson.fromJson(event.eventJson(), InboundMessageEvent.class);
                byConversation.computeIfAbsent(inbound.key(), key -> new ArrayList<>())
                        .add(Map.entry(event.key(), inbound));
            }
            AtomicBoolean sweepOver = new AtomicBoolean();
            Queue<MessageKey> acknowledged = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Void>> chains = new ArrayList<>(byConversation.size());
            for (List<Map.Entry<MessageKey, InboundMessageEvent>> messages : byConversation.values()) {
                CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                for (Map.Entry<MessageKey, InboundMessageEvent> message : messages) {
                    chain = chain.thenComposeAsync(previousAcknowledged -> {
                        if (sweepOver.get()) {
                            throw new CancellationException("sweep over");
                        }
                        return publisher.publish(message.getKey(), message.getValue())
                                .thenRun(() -> acknowledged.add(message.getKey()));
                    }, sender);
                }
                chains.add(chain);
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new));
            awaitQuietly(all);
            sweepOver.set(true); // no new send; the ones under way get their verdict before the rows are released
            awaitQuietly(all);
            List<MessageKey> published = new ArrayList<>(acknowledged);
            store.markPublished(published, clock.instant());
            LOG.infof("outbox sweep re-published %d of %d pending inbound events", published.size(), pending.size());
            return published.size();
        });
    }

    private void awaitQuietly(CompletableFuture<Void> all) {
        try {
            all.get(config.publishTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // what was not acknowledged stays unpublished; the next sweep sends it, in order
        }
    }
}
