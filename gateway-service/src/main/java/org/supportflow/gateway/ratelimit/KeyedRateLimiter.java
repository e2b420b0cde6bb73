package org.supportflow.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a channel, or a channel's customer), created on first use. Buckets that
 * have refilled completely are equivalent to absent ones, so {@link #evictFull()} may drop them to bound
 * memory. State is in memory: with several gateway replicas each enforces the limit on its own share of
 * the traffic (the effective limit is at most replicas × limit).
 */
public final class KeyedRateLimiter {

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public KeyedRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Takes a token for {@code key}; the empty duration means allowed, else how long to wait. */
    public Duration acquire(String key, RateLimit limit) {
        long now = nanoClock.getAsLong();
        TokenBucket bucket = buckets.compute(key, (k, existing) ->
                existing == null || !existing.limit().equals(limit) ? new TokenBucket(limit, now) : existing);
        return Duration.ofNanos(bucket.tryAcquire(now));
    }

    /** Drops every bucket that is full again; returns how many were dropped. */
    public int evictFull() {
        long now = nanoClock.getAsLong();
        int before = buckets.size();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
        return before - buckets.size();
    }

    public int size() {
        return buckets.size();
    }
}
