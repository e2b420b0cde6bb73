package org.supportflow.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.supportflow.contracts.json.EventJson;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Kakao's side for the skill tests: callbackUrls under {@code /callback/ok/...} (answer 200) and
 * {@code /callback/fail/...} (answer 500), and the Event API under {@code /event-api/v2/bots/<bot>/talk}
 * (answers like Kakao, 200 with a task id). Every POST is recorded with its path, Authorization header and body;
 * tests read them at {@code /_received} (the test and this resource may live in different class loaders).
 */
public class KakaoFakeServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String BASE_URL_PROPERTY = "test.kakao-fake.base-url";

    private HttpServer server;
    private final List<Map<String, Object>> received = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Kakao server", e);
        }
        server.createContext("/callback/ok/", exchange -> record(exchange, 200, "{\"taskId\":\"t\",\"status\":\"SUCCESS\"}"));
        server.createContext("/callback/fail/", exchange -> record(exchange, 500, "{\"status\":\"ERROR\"}"));
        server.createContext("/event-api/", exchange -> record(exchange, 200, "{\"taskId\":\"t\",\"status\":\"SUCCESS\"}"));
        server.createContext("/_received", this::report);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                BASE_URL_PROPERTY, base,
                "gateway.channels.test-kakao-event.kakao.event-api.base-url", base + "/event-api");
    }

    private void record(HttpExchange exchange, int status, String answer) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", exchange.getRequestURI().getPath());
        entry.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        entry.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        synchronized (received) {
            received.add(entry);
        }
        respond(exchange, status, answer.getBytes(StandardCharsets.UTF_8));
    }

    private void report(HttpExchange exchange) throws IOException {
        byte[] json;
        synchronized (received) {
            json = EventJson.toBytes(received);
        }
        respond(exchange, 200, json);
    }

    private static void respond(HttpExchange exchange, int status, byte[] json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
