package org.supportflow.analytics.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Health, OpenAPI and metrics endpoints every service exposes. */
@QuarkusTest
class OperationsTest {

    @Test
    void liveAndReadyWithKafkaAndTheDatabase() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItems("Database connections health check",
                                "SmallRye Reactive Messaging - readiness check")));
    }

    @Test
    void openApiDescribesTheSummary() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/analytics/summary"));
    }

    @Test
    void metricsAreOpenToTheScraper() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("supportflow_automation_rate"));
    }
}
