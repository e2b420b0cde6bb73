package org.supportflow.routing.agents;

import org.supportflow.contracts.taxonomy.AgentStatus;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An agent as the selector sees it.
 *
 * @param active         conversations currently assigned to the agent
 * @param lastAssignedAt when the agent last received a conversation (null: never), the measure of idleness
 */
public record AgentCandidate(String agentId, AgentStatus status, int capacity, int active, Set<String> skills,
                             Instant lastAssignedAt) {

    public AgentCandidate {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(status, "status");
        skills = Set.copyOf(skills);
    }

    public int spare() {
        return capacity - active;
    }
}
