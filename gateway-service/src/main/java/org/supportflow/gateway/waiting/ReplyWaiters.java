package org.supportflow.gateway.waiting;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Requests of this replica waiting for the first reply to a customer message, by (conversation, messageId).
 * Waiting is non-blocking: each waiter is a future completed by the reply listener or abandoned on timeout.
 * Several requests may wait for the same message (a retried POST); all get the reply.
 */
public final class ReplyWaiters {

    private record Key(String conversationId, String messageId) {
    }

    private final ConcurrentMap<Key, Set<CompletableFuture<ReplyView>>> waiting = new ConcurrentHashMap<>();

    /** Registers a waiter; call {@link #cancel} when it is no longer needed (timeout, reply found elsewhere). */
    public CompletableFuture<ReplyView> register(String conversationId, String messageId) {
        CompletableFuture<ReplyView> future = new CompletableFuture<>();
        waiting.computeIfAbsent(new Key(conversationId, messageId), k -> ConcurrentHashMap.newKeySet()).add(future);
        return future;
    }

    /** Completes every waiter of the message; returns how many there were. */
    public int complete(String conversationId, String messageId, ReplyView reply) {
        if (conversationId == null || messageId == null) {
            return 0;
        }
        Set<CompletableFuture<ReplyView>> futures = waiting.remove(new Key(conversationId, messageId));
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
}
