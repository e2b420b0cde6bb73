package org.supportflow.analytics.summary;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.devinfra.testing.TestTokens;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Who may read the summary, and how bad parameters are answered. */
@QuarkusTest
class SummaryResourceTest {

    private static final String PATH = "/api/v1/analytics/summary";

    @Test
    void withoutATokenIs401() {
        given().when().get(PATH).then().statusCode(401);
    }

    @Test
    void onlyAnAccessTokenForTheApiIsALogin() {
        given().auth().oauth2(TestTokens.token("supervisor1", "supervisor")).when().get(PATH)
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.token("agent1", "agent")).when().get(PATH).then().statusCode(403);
        given().auth().oauth2(TestTokens.wrongAudience("supervisor1", "supervisor")).when().get(PATH)
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.idToken("supervisor1", "supervisor")).when().get(PATH)
                .then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "agent1", roles = "agent")
    void anAgentIs403() {
        given().when().get(PATH).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void aSupervisorGetsTheLastSevenDaysByDefault() {
        String body = given().when().get(PATH).then().statusCode(200)
                .contentType(containsString("application/json"))
                .extract().asString();
        AnalyticsSummary summary = EventJson.fromJson(body, AnalyticsSummary.class);
        assertThat(Duration.between(summary.from(), summary.to())).isEqualTo(Duration.ofDays(7));
        assertThat(summary.handoffReasons()).containsKeys("requested", "intent_policy", "negative_sentiment", "urgent",
                "low_confidence", "repeated_fallback", "vip", "after_hours");
        assertThat(body).contains("\"automationRate\"", "\"handoffRate\"", "\"firstResponseSecondsP50\"",
                "\"firstResponseSecondsP90\"", "\"resolutionSecondsP50\"", "\"resolutionSecondsP90\"",
                "\"csatAverage\"", "\"topIntents\"", "\"unrecognized\"");
    }

    @Test
    @TestSecurity(user = "admin1", roles = "admin")
    void anAdminMayReadItToo() {
        given().queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", "2020-01-02T00:00:00Z")
                .when().get(PATH)
                .then().statusCode(200)
                .body("conversations", equalTo(0))
                .body("messages", equalTo(0))
                .body("automationRate", equalTo(null))
                .body("csatAverage", equalTo(null))
                .body("from", equalTo("2020-01-01T00:00:00Z"))
                .body("to", equalTo("2020-01-02T00:00:00Z"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void anInvertedRangeIs400() {
        given().queryParam("from", "2026-03-02T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z")
                .when().get(PATH)
                .then().statusCode(400)
                .contentType(containsString("application/json"))
                .body("error", equalTo("invalid_range"))
                .body("message", containsString("before"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void anUnreadableBoundIs400() {
        given().queryParam("from", "last tuesday")
                .when().get(PATH)
                .then().statusCode(400)
                .body("error", equalTo("invalid_parameter"))
                .body("message", containsString("from"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void aTooLongRangeIs400() {
        given().queryParam("from", "2020-01-01").queryParam("to", "2026-01-01")
                .when().get(PATH)
                .then().statusCode(400)
                .body("error", equalTo("range_too_large"));
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void aBadTopIs400() {
        given().queryParam("top", "lots")
                .when().get(PATH)
                .then().statusCode(400)
                .body("error", equalTo("invalid_parameter"))
                .body("message", containsString("top"));
        given().queryParam("top", 0).when().get(PATH).then().statusCode(400);
    }
}
