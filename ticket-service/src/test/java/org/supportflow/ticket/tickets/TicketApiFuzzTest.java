package org.supportflow.ticket.tickets;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;
import org.supportflow.web.fuzz.HttpFuzzer;
import org.supportflow.web.fuzz.HttpFuzzer.Endpoint;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The agents' API under a bounded fuzz run (platform-web's HttpFuzzer) against a real ticket: no 5xx, every
 * refusal a JSON {@code {"error", "message"}}, and the API still answers afterwards.
 */
@QuarkusTest
class TicketApiFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ConversationIngest ingest;

    @Test
    @TestSecurity(user = "supervisor1", roles = {"supervisor", "admin"})
    void theAgentsApiKeepsTheErrorContractUnderFuzzing() {
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);
        String ticket = handoff.ticketId();
        HttpFuzzer fuzzer = HttpFuzzer.against(base);

        fuzzer.run(Endpoint.of("GET", "/api/v1/tickets")
                .query("status", "assignee", "priority", "conversationId", "customerId", "sla", "channelId",
                        "channelType", "sort", "page", "size"));
        fuzzer.run(Endpoint.of("PATCH", "/api/v1/tickets/{id}").path("id", ticket)
                .body("{\"status\": \"OPEN\", \"priority\": \"HIGH\", \"assignee\": \"agent1\", \"tags\": [\"vip\"], "
                        + "\"version\": 0}"));
        fuzzer.run(Endpoint.of("POST", "/api/v1/tickets/{id}/messages/{messageId}/intent").path("id", ticket)
                .path("messageId", handoff.messageId()).body("{\"intent\": \"delivery_problem\"}"));
        fuzzer.run(Endpoint.of("PUT", "/api/v1/agents/me/presence")
                .body("{\"status\": \"ONLINE\", \"capacity\": 3, \"skills\": [\"ko\", \"billing\"]}"));
        HttpFuzzer.against(base).requests(100).run(Endpoint.of("GET", "/api/v1/tickets/{id}").path("id", ticket));
        HttpFuzzer.against(base).requests(100).run(Endpoint.of("GET", "/api/v1/tickets/{id}/audit").path("id", ticket));
        HttpFuzzer.against(base).requests(100).run(Endpoint.of("DELETE", "/api/v1/customers/{customerId}"));

        given().when().get("/api/v1/tickets/{id}", ticket).then().statusCode(200)
                .body("ticket.id", equalTo(ticket));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = {"supervisor", "admin"})
    void repliesAndNotesKeepTheErrorContractUnderFuzzing() {
        String ticket = Scenario.handoff(ingest, Priority.NORMAL).ticketId();
        HttpFuzzer fuzzer = HttpFuzzer.against(base);
        fuzzer.run(Endpoint.of("POST", "/api/v1/tickets/{id}/replies").path("id", ticket)
                .body("{\"text\": \"안녕하세요, 상담원입니다.\"}"));
        fuzzer.run(Endpoint.of("POST", "/api/v1/tickets/{id}/notes").path("id", ticket)
                .body("{\"text\": \"called the courier\"}"));
    }
}
