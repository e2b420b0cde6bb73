package org.supportflow.routing.agents;

import org.supportflow.contracts.taxonomy.AgentStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which agents may take a conversation, best first: ONLINE, below capacity, with every required skill;
 * ordered by the most spare capacity, then the longest idle (the oldest last assignment; never assigned
 * counts as idle the longest), then agent id so that the order is total.
 *
 * <p>The order only says whom to try first: the capacity check that counts is the atomic one in
 * {@link AssignmentStore#tryAssign}, so a stale view can cost a retry but never an overload.
 */
public final class AgentSelector {

    static final Comparator<AgentCandidate> PREFERENCE = Comparator
            .comparingInt(AgentCandidate::spare).reversed()
            .thenComparing(AgentCandidate::lastAssignedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(AgentCandidate::agentId);

    public List<AgentCandidate> rank(Collection<AgentCandidate> agents, Set<String> requiredSkills) {
        return agents.stream()
                .filter(agent -> isEligible(agent, requiredSkills))
                .sorted(PREFERENCE)
                .toList();
    }

    public static boolean isEligible(AgentCandidate agent, Set<String> requiredSkills) {
        return agent.status() == AgentStatus.ONLINE
                && agent.spare() > 0
                && agent.skills().containsAll(requiredSkills);
    }
}
