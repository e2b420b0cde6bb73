package org.supportflow.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstThenRefusesWithTheTimeUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(new RateLimit(2, 3), 0);
        assertThat(bucket.tryAcquire(0)).isZero();
        assertThat(bucket.tryAcquire(0)).isZero();
        assertThat(bucket.tryAcquire(0)).isZero();
        long wait = bucket.tryAcquire(0);
        assertThat(wait).isEqualTo(SECOND / 2);
    }

    @Test
    void refillsAtTheSustainedRateUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(new RateLimit(1, 2), 0);
        bucket.tryAcquire(0);
        bucket.tryAcquire(0);
        assertThat(bucket.tryAcquire(SECOND / 2)).isEqualTo(SECOND / 2);
        assertThat(bucket.tryAcquire(SECOND)).isZero();
        assertThat(bucket.isFull(SECOND)).isFalse();
        assertThat(bucket.isFull(100 * SECOND)).isTrue();
        // after a long pause no more than the burst is available
        assertThat(bucket.tryAcquire(100 * SECOND)).isZero();
        assertThat(bucket.tryAcquire(100 * SECOND)).isZero();
        assertThat(bucket.tryAcquire(100 * SECOND)).isPositive();
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThatThrownBy(() -> new RateLimit(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(5, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyedLimiterSeparatesKeysAndForgetsFullBuckets() {
        AtomicLong now = new AtomicLong();
        KeyedRateLimiter limiter = new KeyedRateLimiter(now::get);
        RateLimit limit = new RateLimit(1, 1);
        assertThat(limiter.acquire("a", limit)).isZero();
        assertThat(limiter.acquire("a", limit)).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.acquire("b", limit)).isZero();
        assertThat(limiter.size()).isEqualTo(2);

        assertThat(limiter.evictFull()).isZero();
        now.set(2 * SECOND);
        assertThat(limiter.evictFull()).isEqualTo(2);
        assertThat(limiter.size()).isZero();
        assertThat(limiter.acquire("a", limit)).isZero();
    }

    @Test
    void aChangedLimitTakesEffect() {
        AtomicLong now = new AtomicLong();
        KeyedRateLimiter limiter = new KeyedRateLimiter(now::get);
        limiter.acquire("a", new RateLimit(1, 1));
        assertThat(limiter.acquire("a", new RateLimit(1, 1))).isPositive();
        assertThat(limiter.acquire("a", new RateLimit(10, 5))).isZero();
    }
}
