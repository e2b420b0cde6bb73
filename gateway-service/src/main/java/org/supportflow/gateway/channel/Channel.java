package org.supportflow.gateway.channel;

import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.gateway.ratelimit.RateLimit;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured channel: who may post messages (the secret) and where replies go.
 *
 * @param callbackUrl             where replies are pushed; empty for channels that poll
 * @param conversationIdleTimeout how long a conversation stays open without customer messages
 */
public record Channel(String id, ChannelType type, String secret, Optional<URI> callbackUrl,
                      Duration conversationIdleTimeout, RateLimit channelLimit, RateLimit customerLimit) {

    public Channel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(conversationIdleTimeout, "conversationIdleTimeout");
        Objects.requireNonNull(channelLimit, "channelLimit");
        Objects.requireNonNull(customerLimit, "customerLimit");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("channel " + id + " has no secret");
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "Channel[" + id + ", " + type.wireName() + (callbackUrl.isPresent() ? ", callback" : ", polling") + "]";
    }
}
