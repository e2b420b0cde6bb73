package org.supportflow.ticket.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.devinfra.testing.TestTokens;
import org.supportflow.ticket.ingest.ConversationIngest;
import org.supportflow.ticket.support.Scenario;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The real OIDC bearer-token path (no test identity): signed JWTs shaped like Keycloak's, verified by
 * quarkus-oidc, roles read from {@code realm_access.roles}.
 */
@QuarkusTest
class BearerTokenSecurityTest {

    @Inject
    ConversationIngest ingest;

    @Test
    void everyEndpointWantsABearerToken() {
        given().when().get("/api/v1/tickets").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(ContentType.JSON).body("error", equalTo("unauthorized")).body("message", notNullValue());
        given().when().get("/api/v1/tickets/any").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().when().get("/api/v1/tickets/any/audit").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .when().post("/api/v1/tickets/any/replies").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("text", "hi"))
                .when().post("/api/v1/tickets/any/notes").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("status", "OPEN", "version", 0))
                .when().patch("/api/v1/tickets/any").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("intent", "order_status"))
                .when().post("/api/v1/tickets/any/messages/m/intent").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("status", "ONLINE", "capacity", 3))
                .when().put("/api/v1/agents/me/presence").then().statusCode(401);
        given().when().delete("/api/v1/customers/any").then().statusCode(401).body("error", equalTo("unauthorized"));
    }

    @Test
    void badTokensAreRefusedWith401() {
        for (String token : new String[]{"not-a-jwt", TestTokens.expired("agent1", "agent"),
                TestTokens.foreignKey("agent1", "agent"), TestTokens.wrongIssuer("agent1", "agent")}) {
            given().auth().oauth2(token).when().get("/api/v1/tickets")
                    .then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("unauthorized"));
        }
    }

    @Test
    void onlyAccessTokensForTheApiAreALogin() {
        given().auth().oauth2(TestTokens.token("agent1", "agent")).when().get("/api/v1/tickets")
                .then().statusCode(200);
        for (String token : new String[]{TestTokens.wrongAudience("agent1", "agent"),
                TestTokens.idToken("agent1", "agent")}) {
            given().auth().oauth2(token).when().get("/api/v1/tickets")
                    .then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("unauthorized"));
        }
    }

    @Test
    void realmRolesDecideWhatATokenMayDo() {
        String agent = TestTokens.token("agent1", "agent", "offline_access");
        String admin = TestTokens.token("admin1", "admin");
        String nobody = TestTokens.token("visitor", "offline_access");
        Scenario.Handoff handoff = Scenario.handoff(ingest, Priority.NORMAL);

        given().auth().oauth2(agent).when().get("/api/v1/tickets/{id}", handoff.ticketId())
                .then().statusCode(200).body("ticket.id", equalTo(handoff.ticketId()));
        given().auth().oauth2(nobody).when().get("/api/v1/tickets")
                .then().statusCode(403).contentType(ContentType.JSON).body("error", equalTo("forbidden"));
        given().auth().oauth2(agent).when().delete("/api/v1/customers/{id}", handoff.customerId())
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().auth().oauth2(admin).when().delete("/api/v1/customers/{id}", "cust-never-seen")
                .then().statusCode(404).body("error", equalTo("not_found"));
        // the token's user name is the agent id: replying takes the queued ticket for agent1
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("text", "도와드릴게요"))
                .when().post("/api/v1/tickets/{id}/replies", handoff.ticketId())
                .then().statusCode(201);
        given().auth().oauth2(agent).queryParam("assignee", "me").queryParam("conversationId", handoff.conversationId())
                .when().get("/api/v1/tickets")
                .then().statusCode(200).body("items[0].assignee", equalTo("agent1"));
    }

    @Test
    void healthAndOpenApiNeedNoToken() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
