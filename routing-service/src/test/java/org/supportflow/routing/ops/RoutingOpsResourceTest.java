package org.supportflow.routing.ops;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.taxonomy.AgentStatus;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.OidcTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;
import org.supportflow.devinfra.testing.TestTokens;
import org.supportflow.routing.agents.AssignmentStore;
import org.supportflow.web.jdbc.Jdbc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
class RoutingOpsResourceTest {

    /** A fresh token per call: the test JVM may start the application for longer than a token lives. */
    private static String supervisor() {
        return TestTokens.token("supervisor1", "supervisor", "agent");
    }

    @Inject
    Jdbc jdbc;

    @Inject
    AssignmentStore assignments;

    @Test
    void listsAgentsWithTheirLoad() {
        String agent = "ops-" + UUID.randomUUID();
        jdbc.inTransaction(c -> assignments.applyPresence(c,
                AgentPresenceEvent.of(agent, AgentStatus.AWAY, 4, List.of("KO", "billing")), Instant.now()));

        given().auth().oauth2(supervisor()).when().get("/api/v1/routing/agents")
                .then().statusCode(200)
                .body("find { it.agentId == '" + agent + "' }.capacity", equalTo(4))
                .body("find { it.agentId == '" + agent + "' }.active", equalTo(0))
                .body("find { it.agentId == '" + agent + "' }.status", equalTo("AWAY"))
                .body("find { it.agentId == '" + agent + "' }.skills", hasItem("ko"));
    }

    @Test
    void showsTheQueue() {
        given().auth().oauth2(supervisor()).queryParam("limit", 10).when().get("/api/v1/routing/queue")
                .then().statusCode(200)
                .body("size", greaterThanOrEqualTo(0))
                .body("waiting", notNullValue());
    }

    @Test
    void aLimitOutOfRangeIsA400WithAJsonError() {
        given().auth().oauth2(supervisor()).queryParam("limit", 0).when().get("/api/v1/routing/queue")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", notNullValue());
        given().auth().oauth2(supervisor()).queryParam("limit", "lots").when().get("/api/v1/routing/queue")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().auth().oauth2(supervisor()).queryParam("limit", 501).when().get("/api/v1/routing/queue")
                .then().statusCode(400);
    }

    @Test
    void writesAreNotAllowed() {
        given().auth().oauth2(supervisor()).when().post("/api/v1/routing/agents")
                .then().statusCode(405)
                .body("error", equalTo("method_not_allowed"));
    }

    @Test
    void unknownPathsAreJson404s() {
        given().auth().oauth2(supervisor()).when().get("/api/v1/routing/nothing-here")
                .then().statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void theViewsWantASupervisorOrAnAdminToken() {
        for (String path : List.of("/api/v1/routing/agents", "/api/v1/routing/queue")) {
            given().when().get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.token("agent1", "agent")).when().get(path).then().statusCode(403);
            given().auth().oauth2(TestTokens.wrongAudience("admin1", "admin")).when().get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.idToken("admin1", "admin")).when().get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.expired("admin1", "admin")).when().get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.token("admin1", "admin")).when().get(path).then().statusCode(200);
            given().auth().oauth2(supervisor()).when().get(path).then().statusCode(200);
        }
    }

    @Test
    void healthAndMetricsAreUp() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("routing_queue_size"));
    }
}
