package org.supportflow.gateway.widget;

import org.supportflow.gateway.channel.Channel;
import org.supportflow.gateway.ratelimit.RateLimit;

import java.util.Optional;

/** A web channel with its widget settings, resolved once at start-up. */
public record WidgetChannel(Channel channel, OriginPolicy origins, Optional<String> identitySecret,
                            VisitorTokens tokens, RateLimit addressLimit, boolean demoPage) {

    public String id() {
        return channel.id();
    }
}
