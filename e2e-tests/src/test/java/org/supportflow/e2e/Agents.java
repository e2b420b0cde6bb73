package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Agents' presence: set through ticket-service's API, as routing sees it through its ops endpoint. */
final class Agents {

    static final List<String> LANGUAGES = List.of("ko", "en");

    private Agents() {
    }

    /**
     * {@code PUT /api/v1/agents/me/presence} as {@code agent} (skills: both languages), then waits until
     * routing has applied it: presence travels over Kafka.
     */
    static void presence(String agent, String status, int capacity) {
        Http.Response response = Http.putJson(LocalPlatform.TICKETS + "/api/v1/agents/me/presence",
                Keycloak.token(agent), Map.of("status", status, "capacity", capacity, "skills", LANGUAGES));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        await().atMost(Tickets.PIPELINE).untilAsserted(() -> assertThat(inRouting())
                .filteredOn(view -> view.get("agentId").asText().equals(agent))
                .singleElement()
                .satisfies(view -> {
                    assertThat(view.get("status").asText()).isEqualTo(status);
                    assertThat(view.get("capacity").asInt()).isEqualTo(capacity);
                }));
    }

    /** Routing's view of every agent (a supervisor's view): status, capacity and active conversations. */
    static List<JsonNode> inRouting() {
        Http.Response agents = Http.get(LocalPlatform.ROUTING + "/api/v1/routing/agents",
                Keycloak.token("supervisor1"));
        assertThat(agents.status()).as(agents.toString()).isEqualTo(200);
        List<JsonNode> all = new ArrayList<>();
        agents.json().forEach(all::add);
        return all;
    }
}
