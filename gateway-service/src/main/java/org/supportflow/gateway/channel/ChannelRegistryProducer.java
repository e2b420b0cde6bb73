package org.supportflow.gateway.channel;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.ratelimit.RateLimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the {@link ChannelRegistry} from {@code gateway.channels.*}; a bad entry fails the start. */
public class ChannelRegistryProducer {

    private static final Logger LOG = Logger.getLogger(ChannelRegistryProducer.class);

    @Produces
    @ApplicationScoped
    @Startup
    ChannelRegistry registry(GatewayConfig config) {
        List<Channel> channels = new ArrayList<>();
        for (Map.Entry<String, GatewayConfig.ChannelConfig> entry : config.channels().entrySet()) {
            channels.add(toChannel(entry.getKey(), entry.getValue(), config));
        }
        if (channels.isEmpty()) {
            LOG.warn("no channels are configured (gateway.channels.*): every message will be refused");
        }
        LOG.infof("channels: %s", channels);
        return new ChannelRegistry(channels);
    }

    static Channel toChannel(String id, GatewayConfig.ChannelConfig channel, GatewayConfig config) {
        ChannelType type;
        try {
            type = ChannelType.fromWireName(channel.type());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("channel " + id + " has an unknown type: " + channel.type(), e);
        }
        channel.callbackUrl().ifPresent(url -> {
            if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalStateException("channel " + id + " has a callback-url that is not an http(s) URL");
            }
        });
        RateLimit channelLimit = limit(config.rateLimits().channel(), channel.rateLimit().orElse(null));
        RateLimit customerLimit = limit(config.rateLimits().customer(), channel.customerRateLimit().orElse(null));
        return new Channel(id, type, channel.secret(), channel.callbackUrl(),
                channel.conversationIdleTimeout().orElse(config.conversation().idleTimeout()),
                channelLimit, customerLimit);
    }

    private static RateLimit limit(GatewayConfig.Limit defaults, GatewayConfig.LimitOverride override) {
        if (override == null) {
            return new RateLimit(defaults.perSecond(), defaults.burst());
        }
        return new RateLimit(override.perSecond().orElse(defaults.perSecond()),
                override.burst().orElse(defaults.burst()));
    }
}
