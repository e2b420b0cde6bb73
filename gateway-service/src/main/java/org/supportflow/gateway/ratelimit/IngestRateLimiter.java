package org.supportflow.gateway.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.gateway.channel.Channel;
import org.supportflow.web.ApiException;

import java.time.Duration;

/**
 * The ingestion limits: one bucket per channel and one per (channel, customer). Per replica (see
 * {@link KeyedRateLimiter}); a refused message is a 429 with {@code Retry-After}.
 */
@ApplicationScoped
public class IngestRateLimiter {

    private final KeyedRateLimiter channels = new KeyedRateLimiter(System::nanoTime);
    private final KeyedRateLimiter customers = new KeyedRateLimiter(System::nanoTime);

    public void check(Channel channel, String customerId) {
        Duration wait = channels.acquire(channel.id(), channel.channelLimit());
        if (!wait.isZero()) {
            throw ApiException.rateLimited("too many messages on channel " + channel.id(), wait);
        }
        wait = customers.acquire(channel.id() + '\u0000' + customerId, channel.customerLimit());
        if (!wait.isZero()) {
            throw ApiException.rateLimited("too many messages from this customer", wait);
        }
    }

    @Scheduled(every = "${gateway.rate-limits.evict-idle-after:PT10M}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evict() {
        channels.evictFull();
        customers.evictFull();
    }
}
