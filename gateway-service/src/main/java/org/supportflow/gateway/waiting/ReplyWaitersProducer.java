package org.supportflow.gateway.waiting;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The replica's {@link ReplyWaiters}, with a gauge of pending waits. */
public class ReplyWaitersProducer {

    @Produces
    @ApplicationScoped
    ReplyWaiters waiters(MeterRegistry registry) {
        ReplyWaiters waiters = new ReplyWaiters();
        registry.gauge("gateway.reply.waiters", waiters, ReplyWaiters::size);
        return waiters;
    }
}
