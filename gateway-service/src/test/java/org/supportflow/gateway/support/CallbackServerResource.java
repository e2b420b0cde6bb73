package org.supportflow.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.supportflow.contracts.signing.ChannelSignature;
import org.supportflow.contracts.json.EventJson;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A channel's callback endpoint for the delivery tests: {@code /ok} verifies the gateway's signature (secret
 * {@value #SECRET}) and answers 204, or 401 when it is wrong; {@code /fail} always answers 503. Every request
 * is recorded; tests read them over HTTP at {@code /_received/ok} and {@code /_received/fail} (the test and
 * this resource may live in different class loaders, so no shared static state).
 */
public class CallbackServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "test-callback-secret";
    public static final String BASE_URL_PROPERTY = "test.callback.base-url";

    private HttpServer server;
    private final Map<String, List<Map<String, Object>>> received = new LinkedHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the callback test server", e);
        }
        received.put("ok", new ArrayList<>());
        received.put("fail", new ArrayList<>());
        server.createContext("/ok", exchange -> record(exchange, "ok"));
        server.createContext("/fail", exchange -> record(exchange, "fail"));
        server.createContext("/_received/", this::report);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                BASE_URL_PROPERTY, base,
                "gateway.channels.test-callback.callback-url", base + "/ok",
                "gateway.channels.test-failing.callback-url", base + "/fail");
    }

    private void record(HttpExchange exchange, String path) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        ChannelSignature.Verification verification = ChannelSignature.verify(SECRET,
                exchange.getRequestHeaders().getFirst(ChannelSignature.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(ChannelSignature.SIGNATURE_HEADER),
                body, Clock.systemUTC(), ChannelSignature.DEFAULT_TOLERANCE);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("verification", verification.name());
        entry.put("channelId", exchange.getRequestHeaders().getFirst(ChannelSignature.CHANNEL_HEADER));
        entry.put("body", new String(body, StandardCharsets.UTF_8));
        synchronized (received) {
            received.get(path).add(entry);
        }
        int status = "fail".equals(path) ? 503 : verification == ChannelSignature.Verification.VALID ? 204 : 401;
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private void report(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/_received/".length());
        byte[] json;
        synchronized (received) {
            json = EventJson.toBytes(received.getOrDefault(path, List.of()));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, json.length);
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
