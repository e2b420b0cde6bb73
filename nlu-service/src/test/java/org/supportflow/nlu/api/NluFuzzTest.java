package org.supportflow.nlu.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.supportflow.web.fuzz.HttpFuzzer;
import org.supportflow.web.fuzz.HttpFuzzer.Endpoint;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The NLU's REST endpoints under a bounded fuzz run (platform-web's HttpFuzzer): no 5xx, JSON errors only. */
@QuarkusTest
class NluFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void classifyKeepsTheErrorContractUnderFuzzing() {
        HttpFuzzer.against(base).run(Endpoint.of("POST", "/api/v1/nlu/classify")
                .body("{\"text\": \"배송비가 얼마예요?\", \"language\": \"ko\"}"));

        given().contentType(ContentType.JSON).body("{\"text\": \"where is my order?\"}")
                .when().post("/api/v1/nlu/classify")
                .then().statusCode(200).body("language", equalTo("en"));
    }

    @Test
    @TestSecurity(user = "admin1", roles = {"admin", "supervisor"})
    void modelAndKnowledgeBaseViewsKeepTheErrorContractUnderFuzzing() {
        HttpFuzzer fuzzer = HttpFuzzer.against(base).requests(100);
        fuzzer.run(Endpoint.of("POST", "/api/v1/nlu/models/{version}/restore"));
        fuzzer.run(Endpoint.of("GET", "/api/v1/nlu/models"));
        fuzzer.run(Endpoint.of("GET", "/api/v1/nlu/kb"));

        given().when().get("/api/v1/nlu/kb").then().statusCode(200);
    }
}
