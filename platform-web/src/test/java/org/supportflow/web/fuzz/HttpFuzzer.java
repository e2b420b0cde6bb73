package org.supportflow.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded, seeded property-based fuzz run against one running service: each request is derived from one
 * endpoint's valid request (body, path and query parameters, headers) by a {@link Random} with a fixed seed,
 * and every answer must hold the error contract: no 5xx, and every 4xx a JSON {@code {"error", "message"}}
 * without an exception name or stack trace. A failure names the seed and the request, so it can be replayed
 * with {@code -Dfuzz.seed=<seed>}. Requests stay inside the HTTP server's own limits (request line, header
 * size), whose refusals (414, 431) Vert.x writes before any application code runs.
 *
 * <pre>{@code
 * HttpFuzzer.against(baseUri).requests(300)
 *         .run(HttpFuzzer.Endpoint.of("POST", "/api/v1/nlu/classify").body("{\"text\":\"hi\"}"));
 * }</pre>
 */
public final class HttpFuzzer {

    /** Adds the headers that authenticate a request (signature, token) over its final path, query and body. */
    @FunctionalInterface
    public interface Signer {
        Map<String, String> headers(String method, String pathAndQuery, byte[] body);
    }

    /**
     * One endpoint: its method, its path template ({@code {name}} placeholders filled from {@link #path} values
     * or fuzzed), its query parameter names, a valid JSON body (null: none) and fixed headers.
     */
    public record Endpoint(String method, String template, Map<String, String> pathValues, List<String> queryParams,
                           String validBody, Map<String, String> headers) {

        public static Endpoint of(String method, String template) {
            return new Endpoint(method, template, Map.of(), List.of(), null, Map.of());
        }

        public Endpoint path(String name, String validValue) {
            Map<String, String> values = new LinkedHashMap<>(pathValues);
            values.put(name, validValue);
            return new Endpoint(method, template, Map.copyOf(values), queryParams, validBody, headers);
        }

        public Endpoint query(String... names) {
            return new Endpoint(method, template, pathValues, List.of(names), validBody, headers);
        }

        public Endpoint body(String json) {
            return new Endpoint(method, template, pathValues, queryParams, json, headers);
        }

        public Endpoint header(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Endpoint(method, template, pathValues, queryParams, validBody, Map.copyOf(all));
        }
    }

    /** What a run saw: answers per status. */
    public record Report(long seed, int requests, Map<Integer, Integer> statuses) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/json; charset=ISO-8859-1", "application/x-www-form-urlencoded", "multipart/form-data",
            "garbage", "application/json; charset=nonsense", "*/*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_SEED = 16_2026L;
    private static final int MAX_REPORTED = 10;

    private final URI base;
    private final HttpClient client;
    private int requests = 300;
    private Long seed;
    private Signer signer = (method, pathAndQuery, body) -> Map.of();

    private HttpFuzzer(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static HttpFuzzer against(URI base) {
        return new HttpFuzzer(base);
    }

    public HttpFuzzer requests(int count) {
        this.requests = count;
        return this;
    }

    /** A fixed seed; without one, {@code -Dfuzz.seed} or a default derived from the endpoint. */
    public HttpFuzzer seed(long seed) {
        this.seed = seed;
        return this;
    }

    public HttpFuzzer signer(Signer signer) {
        this.signer = signer;
        return this;
    }

    /** Sends the requests one after another; throws an AssertionError naming the seed when a rule is broken. */
    public Report run(Endpoint endpoint) {
        long runSeed = seed != null ? seed : Long.getLong("fuzz.seed",
                DEFAULT_SEED ^ (endpoint.method() + " " + endpoint.template()).hashCode());
        Random random = new Random(runSeed);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            FuzzRequest request = next(random, endpoint);
            HttpResponse<byte[]> response;
            try {
                response = send(request);
            } catch (Exception e) {
                failures.add("#" + i + " " + request + " -> no answer: " + e);
                continue;
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String broken = brokenRule(request.method(), response);
            if (broken != null) {
                failures.add("#" + i + " " + request + " -> " + broken);
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + requests + " fuzzed requests to " + endpoint.method()
                    + " " + endpoint.template() + " broke the error contract (seed " + runSeed
                    + ", replay with -Dfuzz.seed=" + runSeed + "):\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(MAX_REPORTED, failures.size()))));
        }
        return new Report(runSeed, requests, statuses);
    }

    private FuzzRequest next(Random random, Endpoint endpoint) {
        String method = random.nextInt(10) == 0 ? FuzzValues.pick(random, METHODS) : endpoint.method();
        StringBuilder path = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(endpoint.template());
        while (placeholder.find()) {
            String valid = endpoint.pathValues().get(placeholder.group(1));
            String value = valid != null && random.nextInt(3) > 0 ? valid : FuzzValues.pathSegment(random);
            placeholder.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(path);
        List<String> query = new ArrayList<>();
        for (String name : endpoint.queryParams()) {
            if (random.nextInt(10) < 7) {
                query.add(name + "=" + FuzzValues.queryValue(random));
            }
        }
        if (random.nextInt(10) == 0) {
            query.add("unknown=" + FuzzValues.queryValue(random));
        }
        String pathAndQuery = query.isEmpty() ? path.toString() : path + "?" + String.join("&", query);
        byte[] body = FuzzBodies.body(random, endpoint.validBody());

        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        int contentType = random.nextInt(8);
        if (contentType < 6) {
            headers.put("Content-Type", "application/json");
        } else if (contentType == 6) {
            headers.put("Content-Type", FuzzValues.pick(random, CONTENT_TYPES));
        }
        if (random.nextInt(4) == 0) {
            headers.put(random.nextBoolean() ? "Accept" : "X-Fuzz", FuzzValues.headerValue(random));
        }
        headers.putAll(signer.headers(method, pathAndQuery, body));
        return new FuzzRequest(method, pathAndQuery, Map.copyOf(headers), body);
    }

    /**
     * One retry when no answer came at all: the server may have closed a pooled keep-alive connection for being
     * idle just as the request left (a crashed handler fails the retry too).
     */
    private HttpResponse<byte[]> send(FuzzRequest request) throws Exception {
        try {
            return client.send(request.toHttp(base), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException closed) {
            return client.send(request.toHttp(base), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    /** Null when the answer keeps the contract, else what is wrong with it. */
    static String brokenRule(String method, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 500) {
            return status + " " + preview(body);
        }
        if (status < 400 || "HEAD".equals(method)) {
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            return status + " with Content-Type '" + type + "', not JSON: " + preview(body);
        }
        try {
            JsonNode error = JSON.readTree(body);
            if (error == null || !error.path("error").isTextual() || !error.path("message").isTextual()) {
                return status + " without {\"error\", \"message\"}: " + preview(body);
            }
            String message = error.path("message").asText();
            if (message.contains("Exception") || message.contains("\tat ") || message.contains("org.")) {
                return status + " with an internal message: " + preview(body);
            }
        } catch (Exception e) {
            return status + " with a body that is not JSON: " + preview(body);
        }
        return null;
    }

    static String preview(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text;
        StringBuilder safe = new StringBuilder();
        cut.codePoints().forEach(c -> safe.append(c < 0x20 ? String.format("\\u%04x", c) : Character.toString(c)));
        return safe.toString();
    }

    record FuzzRequest(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {

        HttpRequest toHttp(URI base) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(builder::header);
            return builder.build();
        }

        @Override
        public String toString() {
            Map<String, String> shown = new TreeMap<>();
            headers.forEach((name, value) -> shown.put(name, value.length() > 60
                    ? value.substring(0, 60) + "...(" + value.length() + " chars)" : value));
            String path = pathAndQuery.length() > 200 ? pathAndQuery.substring(0, 200) + "..." : pathAndQuery;
            return method + " " + path + " " + shown + " body " + preview(new String(body, StandardCharsets.UTF_8));
        }
    }
}
