package org.supportflow.gateway.waiting;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.supportflow.gateway.common.GatewayConfig;

/** The replica's {@link ReplyWaiters}, with a gauge of pending waits. */
public class ReplyWaitersProducer {

    @Produces
    @ApplicationScoped
    ReplyWaiters waiters(MeterRegistry registry, GatewayConfig config) {
        GatewayConfig.Ingest ingest = config.ingest();
        ReplyWaiters waiters = new ReplyWaiters(ingest.recentReplyMemory(), ingest.recentReplyMaxEntries());
        registry.gauge("gateway.reply.waiters", waiters, ReplyWaiters::size);
        return waiters;
    }
}
