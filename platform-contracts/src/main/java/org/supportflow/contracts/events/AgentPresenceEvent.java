package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.AgentStatus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An agent's presence, capacity and skills ({@code agent.presence}), keyed by agent id so that the
 * latest state of an agent is the last record of its key (the topic can be compacted).
 */
public record AgentPresenceEvent(
        String eventId,
        int schemaVersion,
        Instant occurredAt,
        String agentId,
        AgentStatus status,
        int capacity,
        List<String> skills) implements PlatformEvent {

    public static final int SCHEMA_VERSION = 1;

    public AgentPresenceEvent {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(status, "status");
        skills = skills == null ? List.of() : List.copyOf(skills);
    }

    public static AgentPresenceEvent of(String agentId, AgentStatus status, int capacity, List<String> skills) {
        return new AgentPresenceEvent(PlatformEvent.newEventId(), SCHEMA_VERSION, Instant.now(), agentId, status,
                capacity, skills);
    }

    @Override
    public String conversationId() {
        return null;
    }

    @Override
    public String channelId() {
        return null;
    }

    @Override
    public String messageId() {
        return null;
    }

    @Override
    public String key() {
        return agentId;
    }
}
