package org.supportflow.gateway.widget;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.gateway.channel.ChannelRegistry;
import org.supportflow.gateway.conversation.ConversationStore;
import org.supportflow.gateway.replies.ReplyStore;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The widget reply streams open on this replica. A reply reaches a stream two ways: the wake-up every replica
 * sees on {@code conversation.outbound} (fast), and a periodic poll of the store (the safety net). A wake-up may
 * come before the delivery consumer, maybe on another replica, has stored the reply, so it triggers a read of
 * the store after the stream's cursor and, if nothing new is there yet, a few more reads shortly after.
 * Only the store's rows are ever sent, so the event ids are the store's sequence.
 */
@ApplicationScoped
public class WidgetStreams {

    private static final Logger LOG = Logger.getLogger(WidgetStreams.class);
    /** Re-reads after a wake-up found nothing new: the reply is being stored by the delivery consumer. */
    private static final long[] WAKE_RETRIES_MS = {200, 1000, 3000};

    private record Key(String channelId, String customerId) {
    }

    private final ConcurrentMap<Key, Set<ReplyFeed>> feeds = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "widget-streams");
        thread.setDaemon(true);
        return thread;
    });
    private final ChannelRegistry channels;
    private final ConversationStore conversations;
    private final ReplyStore replies;
    private final Duration tick;

    public WidgetStreams(ChannelRegistry channels, ConversationStore conversations, ReplyStore replies,
                         @ConfigProperty(name = "quarkus.http.idle-timeout") Duration idleTimeout) {
        this.channels = channels;
        this.conversations = conversations;
        this.replies = replies;
        // poll (and keep the connection alive) well within the server's idle timeout, at most every 15 s
        this.tick = Duration.ofMillis(Math.min(15_000, idleTimeout.toMillis() / 3));
    }

    /** Opens a feed for this visitor from {@code cursor}: what is already there is sent at once. */
    public void open(String channelId, String customerId, long cursor, ReplyFeed.Sink sink) {
        Key key = new Key(channelId, customerId);
        ReplyFeed feed = new ReplyFeed((after, limit) -> replies.afterForCustomer(channelId, customerId, after, limit),
                sink, cursor);
        // registered before the first read: a reply stored meanwhile is found by the read or by its wake-up
        feeds.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(feed);
        executor.execute(() -> safely(feed, key, ReplyFeed::drain));
        ScheduledFuture<?>[] ticking = new ScheduledFuture<?>[1];
        ticking[0] = executor.scheduleWithFixedDelay(() -> {
            if (!safely(feed, key, f -> f.tick() ? 0 : -1)) {
                ticking[0].cancel(false);
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A reply went by on {@code conversation.outbound}: the visitor's open feeds read the store. */
    public void wake(OutboundMessageEvent event) {
        if (event == null || feeds.isEmpty() || channels.find(event.channelId())
                .map(channel -> channel.type() != ChannelType.WEB).orElse(true)) {
            return;
        }
        executor.execute(() -> {
            Optional<String> customer;
            try {
                customer = conversations.customerOf(event.conversationId());
            } catch (RuntimeException e) {
                LOG.warnf("widget wake-up for a reply of channel %s skipped: %s", event.channelId(), e.getMessage());
                return;
            }
            customer.map(id -> feeds.get(new Key(event.channelId(), id)))
                    .ifPresent(open -> open.forEach(feed -> drainAfterWake(feed, new Key(event.channelId(),
                            customer.get()), 0)));
        });
    }

    private void drainAfterWake(ReplyFeed feed, Key key, int attempt) {
        int[] sent = new int[1];
        if (!safely(feed, key, f -> sent[0] = f.drain())) {
            return;
        }
        if (sent[0] == 0 && attempt < WAKE_RETRIES_MS.length) {
            executor.schedule(() -> drainAfterWake(feed, key, attempt + 1), WAKE_RETRIES_MS[attempt],
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Runs a step of a feed; a closed feed (or one whose store read failed for good) is dropped. */
    private boolean safely(ReplyFeed feed, Key key, java.util.function.ToIntFunction<ReplyFeed> step) {
        try {
            if (!feed.isClosed() && step.applyAsInt(feed) >= 0) {
                return true;
            }
        } catch (RuntimeException e) {
            // the store is unreachable: keep the feed, the next tick tries again
            LOG.warnf("widget stream read failed: %s", e.getMessage());
            return true;
        }
        feed.close();
        feeds.computeIfPresent(key, (k, open) -> {
            open.remove(feed);
            return open.isEmpty() ? null : open;
        });
        return false;
    }

    /** How many streams are open on this replica. */
    public int size() {
        return feeds.values().stream().mapToInt(Set::size).sum();
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
