package org.supportflow.gateway.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code gateway_messages_total{channel, outcome=accepted|duplicate|rejected, reason}} and
 * {@code gateway_waits_total{channel, outcome=replied|timeout}}. Unknown channel ids are tagged
 * {@code unknown} so that callers cannot blow up the number of series.
 */
@ApplicationScoped
public class IngestMetrics {

    static final String UNKNOWN_CHANNEL = "unknown";

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String channelId) {
        registry.counter("gateway.messages", "channel", channelId, "outcome", "accepted", "reason", "none").increment();
    }

    public void duplicate(String channelId) {
        registry.counter("gateway.messages", "channel", channelId, "outcome", "duplicate", "reason", "none").increment();
    }

    public void rejected(String knownChannelIdOrNull, String reason) {
        String channel = knownChannelIdOrNull == null ? UNKNOWN_CHANNEL : knownChannelIdOrNull;
        registry.counter("gateway.messages", "channel", channel, "outcome", "rejected", "reason", reason).increment();
    }

    public void waited(String channelId, boolean replied) {
        registry.counter("gateway.waits", "channel", channelId, "outcome", replied ? "replied" : "timeout").increment();
    }
}
