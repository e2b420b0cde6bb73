package org.supportflow.gateway.ratelimit;

/**
 * A token bucket over a monotonic nanosecond clock supplied by the caller (so tests drive time).
 * Thread-safe; one short critical section per call.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final RateLimit limit;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(RateLimit limit, long nowNanos) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.lastRefillNanos = nowNanos;
    }

    /**
     * Takes one token if there is one.
     *
     * @return 0 when taken, else how many nanoseconds until a token will be available
     */
    public synchronized long tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        double missing = 1 - tokens;
        return Math.max(1, (long) Math.ceil(missing / limit.perSecond() * NANOS_PER_SECOND));
    }

    /** Whether the bucket has refilled completely, i.e. forgetting it changes nothing. */
    public synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= limit.burst();
    }

    public RateLimit limit() {
        return limit;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(limit.burst(), tokens + elapsed / NANOS_PER_SECOND * limit.perSecond());
            lastRefillNanos = nowNanos;
        }
    }
}
