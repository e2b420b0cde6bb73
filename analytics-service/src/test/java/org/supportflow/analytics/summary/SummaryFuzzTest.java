package org.supportflow.analytics.summary;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.supportflow.web.fuzz.HttpFuzzer;
import org.supportflow.web.fuzz.HttpFuzzer.Endpoint;

import java.net.URI;

import static io.restassured.RestAssured.given;

/** The operators' summary under a bounded fuzz run of its query (platform-web's HttpFuzzer). */
@QuarkusTest
class SummaryFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void theSummaryKeepsTheErrorContractUnderFuzzing() {
        HttpFuzzer.against(base).run(Endpoint.of("GET", "/api/v1/analytics/summary").query("from", "to", "top"));

        given().queryParam("from", "2026-01-01").queryParam("to", "2026-01-02")
                .when().get("/api/v1/analytics/summary").then().statusCode(200);
    }
}
