package org.supportflow.routing.agents;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.AgentStatus;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AgentSelectorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    private final AgentSelector selector = new AgentSelector();

    private static AgentCandidate agent(String id, AgentStatus status, int capacity, int active, Instant lastAssigned,
                                        String... skills) {
        return new AgentCandidate(id, status, capacity, active, Set.of(skills), lastAssigned);
    }

    @Test
    void mostSpareCapacityFirst() {
        var a = agent("a", AgentStatus.ONLINE, 5, 4, null, "ko");
        var b = agent("b", AgentStatus.ONLINE, 5, 1, T0, "ko");
        var c = agent("c", AgentStatus.ONLINE, 3, 1, null, "ko");

        assertThat(selector.rank(List.of(a, b, c), Set.of("ko"))).extracting(AgentCandidate::agentId)
                .containsExactly("b", "c", "a");
    }

    @Test
    void onEqualSpareCapacityTheLongestIdleFirstAndNeverAssignedBeforeAll() {
        var recent = agent("recent", AgentStatus.ONLINE, 3, 1, T0.plusSeconds(600), "ko");
        var older = agent("older", AgentStatus.ONLINE, 3, 1, T0, "ko");
        var never = agent("never", AgentStatus.ONLINE, 2, 0, null, "ko");

        assertThat(selector.rank(List.of(recent, older, never), Set.of("ko"))).extracting(AgentCandidate::agentId)
                .containsExactly("never", "older", "recent");
    }

    @Test
    void onlyOnlineAgentsAreEligible() {
        var away = agent("away", AgentStatus.AWAY, 5, 0, null, "ko");
        var offline = agent("offline", AgentStatus.OFFLINE, 5, 0, null, "ko");
        var online = agent("online", AgentStatus.ONLINE, 1, 0, null, "ko");

        assertThat(selector.rank(List.of(away, offline, online), Set.of("ko"))).extracting(AgentCandidate::agentId)
                .containsExactly("online");
    }

    @Test
    void fullAgentsAreNotEligible() {
        var full = agent("full", AgentStatus.ONLINE, 2, 2, null, "ko");
        var over = agent("over", AgentStatus.ONLINE, 1, 3, null, "ko");

        assertThat(selector.rank(List.of(full, over), Set.of("ko"))).isEmpty();
    }

    @Test
    void everyRequiredSkillIsNeeded() {
        var english = agent("en-only", AgentStatus.ONLINE, 5, 0, null, "en");
        var korean = agent("ko-only", AgentStatus.ONLINE, 5, 0, null, "ko");
        var billing = agent("ko-billing", AgentStatus.ONLINE, 2, 1, null, "ko", "billing");

        assertThat(selector.rank(List.of(english, korean, billing), Set.of("ko", "billing")))
                .extracting(AgentCandidate::agentId).containsExactly("ko-billing");
        assertThat(selector.rank(List.of(english, korean, billing), Set.of("en")))
                .extracting(AgentCandidate::agentId).containsExactly("en-only");
    }

    @Test
    void noRequirementsMeansAnyOnlineAgentWithASlot() {
        var a = agent("a", AgentStatus.ONLINE, 1, 0, null);

        assertThat(selector.rank(List.of(a), Set.of())).hasSize(1);
    }

    @Test
    void tiesAreBrokenByAgentIdSoTheOrderIsStable() {
        var b = agent("b", AgentStatus.ONLINE, 2, 0, null, "ko");
        var a = agent("a", AgentStatus.ONLINE, 2, 0, null, "ko");

        assertThat(selector.rank(List.of(b, a), Set.of("ko"))).extracting(AgentCandidate::agentId)
                .containsExactly("a", "b");
    }
}
