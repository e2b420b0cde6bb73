package org.supportflow.gateway.waiting;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Requests of this replica waiting for the first reply to a customer message, by (conversation, messageId).
 * Waiting is non-blocking: each waiter is a future completed by the reply listener or abandoned on timeout.
 * Several requests may wait for the same message (a retried POST); all get the reply.
 *
 * <p>The replies seen in the last {@code keepRecent} are remembered too (at most {@code maxRecent}): a retry
 * that arrives after its reply went past this replica, but before the delivery consumer has stored it
 * (which is where the ingest path looks for the reply of a duplicate), still gets the reply at once
 * instead of waiting out its {@code waitMs} for a reply that will not come again.
 */
public final class ReplyWaiters {

    private record Key(String conversationId, String messageId) {
    }

    private record Recent(ReplyView reply, long seenAtNanos) {
    }

    private final ConcurrentMap<Key, Set<CompletableFuture<ReplyView>>> waiting = new ConcurrentHashMap<>();
    /** Insertion order is arrival order, so the oldest entries are at the head. Guarded by itself. */
    private final LinkedHashMap<Key, Recent> recent = new LinkedHashMap<>();
    private final long keepRecentNanos;
    private final int maxRecent;
    private final LongSupplier nanoTime;

    public ReplyWaiters(Duration keepRecent, int maxRecent) {
        this(keepRecent, maxRecent, System::nanoTime);
    }

    ReplyWaiters(Duration keepRecent, int maxRecent, LongSupplier nanoTime) {
        if (keepRecent.isNegative() || maxRecent < 0) {
            throw new IllegalArgumentException("keepRecent and maxRecent must not be negative");
        }
        this.keepRecentNanos = keepRecent.toNanos();
        this.maxRecent = maxRecent;
        this.nanoTime = nanoTime;
    }

    /**
     * Registers a waiter, already completed when the reply was seen recently; call {@link #cancel} when it is
     * no longer needed (timeout, reply found elsewhere).
     */
    public CompletableFuture<ReplyView> register(String conversationId, String messageId) {
        Key key = new Key(conversationId, messageId);
        CompletableFuture<ReplyView> future = new CompletableFuture<>();
        waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(future);
        // After adding: a reply that arrives between the two steps is either remembered or completes the future.
        ReplyView seen = recentReply(key);
        if (seen != null) {
            future.complete(seen);
        }
        return future;
    }

    /** Completes every waiter of the message and remembers the reply; returns how many waiters there were. */
    public int complete(String conversationId, String messageId, ReplyView reply) {
        if (conversationId == null || messageId == null) {
            return 0;
        }
        Key key = new Key(conversationId, messageId);
        remember(key, reply);
        Set<CompletableFuture<ReplyView>> futures = waiting.remove(key);
        if (futures == null) {
            return 0;
        }
        futures.forEach(future -> future.complete(reply));
        return futures.size();
    }

    public void cancel(String conversationId, String messageId, CompletableFuture<ReplyView> future) {
        waiting.computeIfPresent(new Key(conversationId, messageId), (key, futures) -> {
            futures.remove(future);
            return futures.isEmpty() ? null : futures;
        });
        future.cancel(false);
    }

    /** How many messages have waiters (a gauge). */
    public int size() {
        return waiting.size();
    }

    private void remember(Key key, ReplyView reply) {
        if (maxRecent == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        synchronized (recent) {
            // The first reply to a message is the one its waiters get; later ones (e.g. an agent's) are not.
            recent.putIfAbsent(key, new Recent(reply, now));
            Iterator<Map.Entry<Key, Recent>> oldest = recent.entrySet().iterator();
            while (oldest.hasNext()) {
                Recent entry = oldest.next().getValue();
                if (recent.size() <= maxRecent && now - entry.seenAtNanos() <= keepRecentNanos) {
                    break;
                }
                oldest.remove();
            }
        }
    }

    private ReplyView recentReply(Key key) {
        synchronized (recent) {
            Recent seen = recent.get(key);
            return seen != null && nanoTime.getAsLong() - seen.seenAtNanos() <= keepRecentNanos ? seen.reply() : null;
        }
    }
}
