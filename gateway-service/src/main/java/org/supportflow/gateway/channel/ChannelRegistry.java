package org.supportflow.gateway.channel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured channels by id; immutable after start-up. */
public final class ChannelRegistry {

    private final Map<String, Channel> channels;

    public ChannelRegistry(Collection<Channel> channels) {
        this.channels = channels.stream().collect(Collectors.toUnmodifiableMap(Channel::id, Function.identity()));
    }

    public Optional<Channel> find(String channelId) {
        return channelId == null ? Optional.empty() : Optional.ofNullable(channels.get(channelId));
    }

    public List<Channel> all() {
        return List.copyOf(channels.values());
    }
}
