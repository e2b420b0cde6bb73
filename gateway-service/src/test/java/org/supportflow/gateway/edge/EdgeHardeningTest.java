package org.supportflow.gateway.edge;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What every answer carries, what metrics may not, and what the server does with idle connections. */
@QuarkusTest
class EdgeHardeningTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void refusedRequestsToRandomPathsNeverBecomeMetricTags() throws IOException {
        Random random = new Random(16);
        String marker = "probe" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        for (int i = 0; i < 50; i++) {
            String path = "/api/v1/" + marker + "-" + i + "/" + Integer.toHexString(random.nextInt());
            switch (i % 3) {
                case 0 -> RestAssured.get(path).then().statusCode(404);
                case 1 -> RestAssured.given().contentType("application/json").body("{}").post(path)
                        .then().statusCode(404);
                default -> assertThat(statusOfOversizedPost(path)).isEqualTo(413);
            }
        }
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds").doesNotContain(marker);
    }

    /**
     * Announces a 2 MB body and sends one byte of it: the server refuses it from its Content-Length alone. (Sending
     * the whole body races the server, which answers and closes while the client still writes: a broken pipe.)
     */
    private int statusOfOversizedPost(String path) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).as("the server's answer before the body").startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
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
