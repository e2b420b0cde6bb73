package org.supportflow.ticket.presence;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.devinfra.testing.KafkaTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** {@code PUT /api/v1/agents/me/presence} publishes the caller's presence for routing. */
@QuarkusTest
class PresenceResourceTest {

    @Test
    @TestSecurity(user = "agent-presence-1", roles = "agent")
    void presenceIsPublishedKeyedByTheAgent() {
        String eventId = given().contentType(ContentType.JSON)
                .body(Map.of("status", "ONLINE", "capacity", 5, "skills", List.of("ko", "Billing")))
                .when().put("/api/v1/agents/me/presence")
                .then().statusCode(200)
                .body("agentId", equalTo("agent-presence-1"))
                .body("status", equalTo("ONLINE"))
                .body("skills", contains("ko", "billing"))
                .extract().path("agentId");
        try (KafkaTestClient kafka = KafkaTestClient.forTestBroker()) {
            var received = kafka.await(Topics.AGENT_PRESENCE, AgentPresenceEvent.class,
                    event -> event.agentId().equals(eventId), Duration.ofSeconds(30));
            assertThat(received.key()).isEqualTo("agent-presence-1");
            assertThat(received.value().status()).isEqualTo(AgentStatus.ONLINE);
            assertThat(received.value().capacity()).isEqualTo(5);
            assertThat(received.value().skills()).containsExactly("ko", "billing");
        }
    }

    @Test
    @TestSecurity(user = "agent-presence-2", roles = "agent")
    void badPresenceIsRefused() {
        for (Object body : List.of(Map.of("status", "BUSY", "capacity", 5), Map.of("capacity", 5),
                Map.of("status", "ONLINE", "capacity", -1), Map.of("status", "ONLINE", "capacity", 500),
                Map.of("status", "ONLINE", "capacity", 2, "skills", List.of("has space")))) {
            given().contentType(ContentType.JSON).body(body)
                    .when().put("/api/v1/agents/me/presence")
                    .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid_request"));
        }
        given().contentType(ContentType.JSON).body("{\"status\": \"ONLINE\", \"capacity\": \"five\"}")
                .when().put("/api/v1/agents/me/presence")
                .then().statusCode(400).body("error", equalTo("invalid_json"));
    }
}
