package org.supportflow.nlu.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Method;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.supportflow.devinfra.testing.OidcTestResource;
import org.supportflow.devinfra.testing.TestTokens;

import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Model and knowledge-base management wants a Keycloak access token for the API: supervisors and admins
 * look, only admins change what answers customers. Classification (CONTRACT.md §4) stays an internal API
 * without a token.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestResource.class)
class ManagementAccessTest {

    private record Call(Method method, String path) {
    }

    private static final List<Call> VIEWS = List.of(
            new Call(Method.GET, "/api/v1/nlu/models"),
            new Call(Method.GET, "/api/v1/nlu/kb"));

    private static final List<Call> CHANGES = List.of(
            new Call(Method.POST, "/api/v1/nlu/models/no-such-version/restore"),
            new Call(Method.POST, "/api/v1/nlu/models/retrain"),
            new Call(Method.POST, "/api/v1/nlu/kb/reload"));

    private static final List<Call> ALL = Stream.concat(VIEWS.stream(), CHANGES.stream()).toList();

    private static ValidatableResponse call(Call call, String token) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().request(call.method(), call.path()).then();
    }

    @Test
    void withoutATokenEveryManagementCallIs401() {
        for (Call call : ALL) {
            call(call, null).statusCode(401);
        }
    }

    @Test
    void tokensNotMeantForTheApiAre401() {
        for (String token : List.of(TestTokens.wrongAudience("admin1", "admin"), TestTokens.idToken("admin1", "admin"),
                TestTokens.expired("admin1", "admin"), TestTokens.foreignKey("admin1", "admin"))) {
            for (Call call : ALL) {
                call(call, token).statusCode(401);
            }
        }
    }

    @Test
    void anAgentIs403Everywhere() {
        String agent = TestTokens.token("agent1", "agent");
        for (Call call : ALL) {
            call(call, agent).statusCode(403);
        }
    }

    @Test
    void aSupervisorLooksButDoesNotChange() {
        String supervisor = TestTokens.token("supervisor1", "supervisor", "agent");
        for (Call call : VIEWS) {
            call(call, supervisor).statusCode(200);
        }
        for (Call call : CHANGES) {
            call(call, supervisor).statusCode(403);
        }
    }

    /** Retraining itself (minutes of CPU here) is ModelManagerTest's; its access rule is the other changes'. */
    @Test
    void anAdminManagesModelsAndKnowledgeBase() {
        String admin = TestTokens.token("admin1", "admin");
        String active = given().auth().oauth2(admin).when().get("/api/v1/nlu/models")
                .then().statusCode(200)
                .body("versions.find { it.active }.version", notNullValue())
                .extract().path("active");
        given().auth().oauth2(admin).when().post("/api/v1/nlu/models/{version}/restore", active)
                .then().statusCode(200).body("version", equalTo(active)).body("active", is(true));
        given().auth().oauth2(admin).when().post("/api/v1/nlu/models/no-such-version/restore")
                .then().statusCode(404).body("error", equalTo("model_not_found"));
        given().auth().oauth2(admin).when().get("/api/v1/nlu/kb")
                .then().statusCode(200).body("answers", greaterThan(0)).body("languages", hasItem("ko"));
        given().auth().oauth2(admin).when().post("/api/v1/nlu/kb/reload")
                .then().statusCode(200).body("changed", is(false)).body("version", notNullValue());
    }

    @Test
    void classificationNeedsNoToken() {
        given().contentType("application/json").body("{\"text\": \"배송 언제 와요?\"}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(200).body("intent", notNullValue());
    }
}
