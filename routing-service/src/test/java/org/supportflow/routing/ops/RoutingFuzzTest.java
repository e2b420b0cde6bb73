package org.supportflow.routing.ops;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.supportflow.web.fuzz.HttpFuzzer;
import org.supportflow.web.fuzz.HttpFuzzer.Endpoint;

import java.net.URI;

import static io.restassured.RestAssured.given;

/** Routing's operational views under a bounded fuzz run (platform-web's HttpFuzzer): no 5xx, JSON errors only. */
@QuarkusTest
class RoutingFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void opsViewsKeepTheErrorContractUnderFuzzing() {
        HttpFuzzer.against(base).run(Endpoint.of("GET", "/api/v1/routing/queue").query("limit"));
        HttpFuzzer.against(base).requests(100).run(Endpoint.of("GET", "/api/v1/routing/agents"));

        given().queryParam("limit", 5).when().get("/api/v1/routing/queue").then().statusCode(200);
    }
}
