package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agents' side of ticket-service, as the suite uses it: tickets by conversation, lists, details. */
final class Tickets {

    /** How long the pipeline may take to turn a customer's message into a ticket, or an event into a change. */
    static final Duration PIPELINE = Duration.ofSeconds(60);

    private Tickets() {
    }

    /** The one ticket of a conversation, once the pipeline has created it. */
    static JsonNode awaitTicket(String conversationId, String token) {
        AtomicReference<JsonNode> ticket = new AtomicReference<>();
        await().atMost(PIPELINE).untilAsserted(() -> {
            List<JsonNode> items = list("conversationId=" + Http.encode(conversationId), token);
            assertThat(items).hasSize(1);
            ticket.set(items.getFirst());
        });
        return ticket.get();
    }

    /** The tickets matching a query string of {@code GET /api/v1/tickets} (first page of 100). */
    static List<JsonNode> list(String query, String token) {
        Http.Response response = Http.get(LocalPlatform.TICKETS + "/api/v1/tickets?size=100&" + query, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    /**
     * Ends with the ticket assigned to {@code agent}: routing gives a handoff to the only agent online, unless
     * conversations that earlier tests left in the queue take that agent's free slots first; then the agent takes
     * it from the queue, as agents do (a PATCH of the assignee with the ticket's version, retried on a conflict).
     * Fails when someone else has it.
     */
    static JsonNode assignTo(String ticketId, String agent) {
        String token = Keycloak.token(agent);
        AtomicReference<JsonNode> assigned = new AtomicReference<>();
        await().atMost(PIPELINE).untilAsserted(() -> {
            JsonNode ticket = detail(ticketId, token).get("ticket");
            if (ticket.get("assignee").isNull()) {
                Http.patchJson(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticketId, token,
                        Map.of("assignee", agent, "version", ticket.get("version").asLong()));
                ticket = detail(ticketId, token).get("ticket");
            }
            assertThat(ticket.get("assignee").asText()).isEqualTo(agent);
            assigned.set(ticket);
        });
        return assigned.get();
    }

    static JsonNode detail(String ticketId, String token) {
        Http.Response detail = Http.get(LocalPlatform.TICKETS + "/api/v1/tickets/" + ticketId, token);
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        return detail.json();
    }
}
