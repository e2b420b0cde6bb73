package org.supportflow.gateway.edge;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every service's requests are a histogram by route (platform-web's HttpLatencyBuckets): p99 per route. */
@QuarkusTest
class HttpMetricsTest {

    @Test
    void requestsAreAHistogramByRouteTemplate() {
        RestAssured.get("/api/v1/conversations/conv-metrics-probe/replies").then().statusCode(401);
        String metrics = RestAssured.get("/q/metrics").asString();
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/conversations/\\{conversationId}/replies\"[^}]*le=\"0\\.25\"}")
                .doesNotContain("conv-metrics-probe");
    }
}
