package org.supportflow.ticket.publish;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.ticket.common.TicketConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the events recorded in the outbox (ticket events, agents' replies, CSAT questions), oldest first,
 * and deletes them once Kafka acknowledged them, one relay at a time across replicas.
 *
 * <p>Order per conversation (the Kafka key, on every topic the outbox carries): an event is handed to Kafka
 * only once every earlier event of its key was acknowledged. Events of different keys go out side by side.
 * This does not lean on the producer keeping a turn's sends in order when some of them fail: it does not
 * (an idempotent producer whose batch expires during an outage bumps its epoch, and batches behind the expired
 * one can still be written; a relay that had sent the whole turn at once then resent the expired event after
 * later ones of its ticket were already on the topic, and consumers applied the stale state last).
 *
 * <p>At least once: an event is sent again when its acknowledgement did not arrive (the broker may still have
 * written it), or when the process died between the acknowledgement and the delete; the copies carry the
 * same eventId and messageId and sit next to each other on the topic, before any later event of the key,
 * because the turn ends only once Kafka gave a verdict on every send it started (the channels'
 * {@code delivery.timeout.ms} stays below {@code ticket.publish.ack-timeout}). Consumers see each event's first
 * copy in outbox order; a repeated copy re-applies the same state (routing) or is dropped by its eventId or
 * messageId (analytics' facts, the gateway's delivery, ticket-service's transcript).
 * A commit that recorded events wakes the relay at once; a sweep every second covers restarts, other
 * replicas' leftovers and Kafka outages.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final EventOutbox outbox;
    private final Emitter<Record<String, TicketEvent>> ticketEvents;
    private final Emitter<Record<String, OutboundMessageEvent>> outbound;
    private final Duration ackTimeout;
    /** One thread: relay turns of this replica never overlap, and a wake-up during a turn is not lost. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("outbox-relay").factory());
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    /** Hands each key's next event to Kafka once the previous one was acknowledged (never on Kafka's own thread). */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("outbox-relay-send").factory());

    public OutboxRelay(EventOutbox outbox,
                       @Channel(Channels.TICKET_EVENTS) Emitter<Record<String, TicketEvent>> ticketEvents,
                       @Channel(Channels.OUTBOUND) Emitter<Record<String, OutboundMessageEvent>> outbound,
                       TicketConfig config) {
        this.outbox = outbox;
        this.ticketEvents = ticketEvents;
        this.outbound = outbound;
        this.ackTimeout = config.publish().ackTimeout();
    }

    /** Asks for a relay turn soon (after a commit that recorded events); cheap, never blocks. */
    public void wakeUp() {
        if (wakeUpQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    wakeUpQueued.set(false);
                    relayAll();
                });
            } catch (RuntimeException e) {
                wakeUpQueued.set(false); // shutting down: the next start's sweep publishes the rest
            }
        }
    }

    /**
     * Skipped until the service has started: the scheduler runs from the first moments of the start, before the
     * messaging channels this relay sends to are connected, and creating the relay then fails.
     */
    @Scheduled(every = "${ticket.publish.relay-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        wakeUp();
    }

    /** Relays until the outbox is empty, another relay has the turn, or Kafka stops acknowledging. */
    void relayAll() {
        try {
            int published;
            do {
                published = relayBatch();
            } while (published == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf(e, "outbox events not relayed yet; the next turn retries");
        }
    }

    /**
     * One turn: publishes up to {@value #BATCH} events, each key's in order, one at a time per key; returns how
     * many were acknowledged (and deleted). A key whose event is not acknowledged keeps it and every later event
     * of its own for the next turn; other keys go on.
     */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().timeout(2 * (int) ackTimeout.toSeconds() + 30).call(() -> {
            if (!outbox.takeRelayTurn()) {
                return 0;
            }
            Map<String, List<EventOutbox.Pending>> byKey = new LinkedHashMap<>();
            for (EventOutbox.Pending event : outbox.oldest(BATCH)) {
                byKey.computeIfAbsent(event.key(), key -> new ArrayList<>()).add(event);
            }
            AtomicBoolean turnOver = new AtomicBoolean();
            Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Void>> chains = new ArrayList<>(byKey.size());
            for (List<EventOutbox.Pending> events : byKey.values()) {
                CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                for (EventOutbox.Pending event : events) {
                    chain = chain.thenComposeAsync(previousAcknowledged -> {
                        if (turnOver.get()) {
                            throw new CancellationException("relay turn over");
                        }
                        return send(event).thenRun(() -> acknowledged.add(event.seq()));
                    }, sender);
                }
                chains.add(chain.whenComplete((done, failure) -> {
                    if (failure != null && !turnOver.get()) {
                        LOG.warnf("an event of key %s not acknowledged (%s); it and the later ones of its key stay"
                                + " in the outbox", events.getFirst().key(), rootCause(failure));
                    }
                }));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new));
            awaitQuietly(all);
            // No new send after this; the ones under way get their verdict (acknowledged or expired) before the
            // turn, and with it the lock, is given up, so no stale copy lands behind a later event of its key.
            turnOver.set(true);
            awaitQuietly(all);
            List<Long> published = new ArrayList<>(acknowledged);
            outbox.delete(published);
            return published.size();
        });
    }

    private void awaitQuietly(CompletableFuture<Void> all) {
        try {
            all.get(ackTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // failures are logged per key; unacknowledged events stay
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private CompletionStage<Void> send(EventOutbox.Pending pending) {
        return switch (pending.event()) {
            case TicketEvent event -> ticketEvents.send(Record.of(pending.key(), event));
            case OutboundMessageEvent event -> outbound.send(Record.of(pending.key(), event));
            default -> throw new IllegalStateException("no emitter for topic " + pending.topic());
        };
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdown();
        try {
            worker.awaitTermination(2 * ackTimeout.toSeconds() + 5, TimeUnit.SECONDS);
            sender.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
