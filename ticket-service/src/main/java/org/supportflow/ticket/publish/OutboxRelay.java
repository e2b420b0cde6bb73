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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the events recorded in the outbox (ticket events, agents' replies, CSAT questions), oldest first,
 * and deletes them once Kafka acknowledged them: at least once (a crash between the acknowledgement and the
 * delete sends an event again, with the same eventId and messageId, which consumers recognise) and in order,
 * one relay at a time across replicas. An event Kafka did not acknowledge stays, and so does every event sent
 * after it in that turn: the next turn sends them all again in order, so a consumer may see a later event of a
 * ticket before the resent earlier one, but the last it sees is the newest.
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

    @Scheduled(every = "${ticket.publish.relay-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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

    /** One turn: publishes up to {@value #BATCH} events in order; returns how many were acknowledged. */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().timeout((int) ackTimeout.toSeconds() + 30).call(() -> {
            if (!outbox.takeRelayTurn()) {
                return 0;
            }
            List<EventOutbox.Pending> pending = outbox.oldest(BATCH);
            List<CompletableFuture<Void>> acks = new ArrayList<>(pending.size());
            for (EventOutbox.Pending event : pending) {
                acks.add(send(event).toCompletableFuture());
            }
            // Delete only the acknowledged prefix: the first failure and all after it are resent, in order.
            List<Long> published = new ArrayList<>(pending.size());
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    published.add(pending.get(i).seq());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    LOG.warnf("event %s not acknowledged (%s); it stays in the outbox",
                            pending.get(i).event().eventId(), e.getClass().getSimpleName());
                    break;
                }
            }
            outbox.delete(published);
            return published.size();
        });
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
            worker.awaitTermination(ackTimeout.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
