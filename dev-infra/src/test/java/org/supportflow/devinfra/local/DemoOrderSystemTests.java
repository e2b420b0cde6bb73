package org.supportflow.devinfra.local;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOrderSystemTests {

    @TempDir
    Path dir;
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(dir.resolve("orders/1"));
        Files.writeString(dir.resolve("orders/1.json"), "{\"status\":\"in transit\"}");
        Files.writeString(dir.resolve("orders/2.status"), "503\n");
        Files.writeString(dir.resolve("orders/3.json"), "{\"carrier\": <html>");
        Files.writeString(dir.resolve("orders/4.json"), "{}");
        Files.writeString(dir.resolve("orders/4.delay-ms"), "1500");
        server = DemoOrderSystem.start("127.0.0.1", 0, dir);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void servesRecordedAnswersAsTheyAreAndNothingElse() throws Exception {
        assertThat(get("/orders/1", Duration.ofSeconds(5))).isEqualTo("200 {\"status\":\"in transit\"}");
        assertThat(get("/orders/2", Duration.ofSeconds(5))).startsWith("503 ");
        assertThat(get("/orders/3", Duration.ofSeconds(5))).isEqualTo("200 {\"carrier\": <html>");
        assertThat(get("/orders/9", Duration.ofSeconds(5))).startsWith("404 ");
        assertThat(get("/orders/..%2F..%2Fetc", Duration.ofSeconds(5))).startsWith("404 ");
    }

    @Test
    void aDelayedAnswerOutlastsAShorterClientTimeout() {
        assertThatThrownBy(() -> get("/orders/4", Duration.ofMillis(300)))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    private String get(String path, Duration timeout) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(timeout).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
