package org.supportflow.gateway.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.supportflow.gateway.dedup.MessageKey;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records Kafka acknowledgements in the outbox in batches (one UPDATE per second instead of one per message).
 * A key acknowledged but not yet flushed when the process dies is re-published by the sweeper: a duplicate
 * event with the same {@code eventId}, never a lost one.
 */
@ApplicationScoped
public class PublishedMarker {

    private static final Logger LOG = Logger.getLogger(PublishedMarker.class);
    private static final int MAX_BATCH = 5000;

    private final ConcurrentLinkedQueue<MessageKey> acknowledged = new ConcurrentLinkedQueue<>();
    private final OutboxStore store;
    private final Clock clock;

    public PublishedMarker(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void published(MessageKey key) {
        acknowledged.add(key);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        List<MessageKey> batch = new ArrayList<>();
        MessageKey key;
        while (batch.size() < MAX_BATCH && (key = acknowledged.poll()) != null) {
            batch.add(key);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.markPublished(batch, clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not mark %d published events; they will be retried", batch.size());
            acknowledged.addAll(batch);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        while (!acknowledged.isEmpty()) {
            int before = acknowledged.size();
            flush();
            if (acknowledged.size() >= before) {
                return;
            }
        }
    }
}
