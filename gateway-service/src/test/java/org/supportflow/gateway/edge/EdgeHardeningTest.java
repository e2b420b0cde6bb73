package org.supportflow.gateway.edge;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What every answer carries, what metrics may not, and what the server does with idle connections. */
@QuarkusTest
class EdgeHardeningTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void refusedRequestsToRandomPathsNeverBecomeMetricTags() {
        Random random = new Random(16);
        String marker = "probe" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        for (int i = 0; i < 50; i++) {
            String path = "/api/v1/" + marker + "-" + i + "/" + Integer.toHexString(random.nextInt());
            switch (i % 3) {
                case 0 -> RestAssured.get(path).then().statusCode(404);
                case 1 -> RestAssured.given().contentType("application/json").body("{}").post(path)
                        .then().statusCode(404);
                default -> RestAssured.given().contentType("application/json").body("x".repeat(2_000_000))
                        .post(path).then().statusCode(413);
            }
        }
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds").doesNotContain(marker);
    }

    @Test
    void answersTellBrowsersNotToSniffTheirType() {
        RestAssured.get("/api/v1/nothing-here").then().statusCode(404).header("X-Content-Type-Options", equalTo("nosniff"));
        RestAssured.get("/q/health/live").then().header("X-Content-Type-Options", equalTo("nosniff"));
    }

    /** %test.quarkus.http.idle-timeout is short; without any idle timeout the read below would wait for ever. */
    @Test
    void anIdleConnectionIsClosedByTheServer() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("end of stream: the server closed the idle connection").isEqualTo(-1);
        }
    }
}
