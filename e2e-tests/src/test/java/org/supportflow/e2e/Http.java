package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.supportflow.contracts.json.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A small JSON-over-HTTP client for the platform's public APIs. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        JsonNode json() {
            try {
                return EventJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static Response send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(30));
    }

    static Response send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Response get(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    static Response postJson(String url, String bearer, Object body) {
        return sendJson("POST", url, bearer, body);
    }

    static Response patchJson(String url, String bearer, Object body) {
        return sendJson("PATCH", url, bearer, body);
    }

    static Response putJson(String url, String bearer, Object body) {
        return sendJson("PUT", url, bearer, body);
    }

    private static Response sendJson(String method, String url, String bearer, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(EventJson.toJson(body), StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request);
    }

    static Response delete(String url, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE().header("Authorization", "Bearer " + bearer));
    }

    static Response postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
