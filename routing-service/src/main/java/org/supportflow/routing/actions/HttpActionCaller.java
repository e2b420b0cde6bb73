package org.supportflow.routing.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Calls actions over HTTP with the JDK client: the system's base URL and headers (credentials) come from
 * routing's configuration ({@code routing.actions.systems.<system>.base-url}, {@code .header-names} and
 * {@code .header.<Name>}; in production from the environment, e.g.
 * {@code ROUTING_ACTIONS_SYSTEMS_SHOP_ORDERS_HEADER_AUTHORIZATION}), never from the bundle. Slot values are
 * URL-encoded into the path. The timeout is the action's, capped by {@code maxTimeout}; one circuit breaker per
 * system. Logs name the action and the failure, never the URL or a slot value.
 */
public final class HttpActionCaller implements ActionCaller {

    private static final Logger LOG = Logger.getLogger(HttpActionCaller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;
    private static final List<String> FORBIDDEN_HEADERS = List.of("host", "content-length", "connection");

    private final HttpClient client;
    private final Function<String, Optional<String>> config;
    private final Duration maxTimeout;
    private final int breakerThreshold;
    private final Duration breakerOpenFor;
    private final Clock clock;
    private final ActionMetrics metrics;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public HttpActionCaller(Function<String, Optional<String>> config, Duration maxTimeout, int breakerThreshold,
                            Duration breakerOpenFor, Clock clock, ActionMetrics metrics) {
        this.client = HttpClient.newBuilder().connectTimeout(maxTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.config = config;
        this.maxTimeout = maxTimeout;
        this.breakerThreshold = breakerThreshold;
        this.breakerOpenFor = breakerOpenFor;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public Result call(ActionSpec action, Map<String, String> slots) {
        long started = System.nanoTime();
        Result result = doCall(action, slots);
        metrics.call(action.name(), ActionCaller.outcomeOf(result), Duration.ofNanos(System.nanoTime() - started));
        if (result instanceof Failed f) {
            LOG.warnf("action %s failed: %s%s", action.name(), f.failure().tag(),
                    f.status() > 0 ? " (status " + f.status() + ")" : "");
        }
        return result;
    }

    private Result doCall(ActionSpec action, Map<String, String> slots) {
        String prefix = "routing.actions.systems." + action.system() + ".";
        Optional<String> base = config.apply(prefix + "base-url").filter(s -> !s.isBlank());
        if (base.isEmpty()) {
            return new Failed(Failure.NOT_CONFIGURED, 0);
        }
        CircuitBreaker breaker = breakers.computeIfAbsent(action.system(),
                s -> new CircuitBreaker(breakerThreshold, breakerOpenFor, clock));
        if (!breaker.tryAcquire()) {
            return new Failed(Failure.CIRCUIT_OPEN, 0);
        }
        Duration timeout = action.timeout().compareTo(maxTimeout) > 0 ? maxTimeout : action.timeout();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(stripSlash(base.get()) + expand(action.path(), slots)))
                    .timeout(timeout).header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            breaker.onFailure();
            return new Failed(Failure.NOT_CONFIGURED, 0);
        }
        config.apply(prefix + "header-names").ifPresent(names -> {
            for (String name : names.split(",")) {
                String header = name.trim();
                if (!header.isEmpty() && !FORBIDDEN_HEADERS.contains(header.toLowerCase(java.util.Locale.ROOT))) {
                    config.apply(prefix + "header." + header).ifPresent(value -> request.header(header, value));
                }
            }
        });
        if (action.method().equals("POST")) {
            try {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(slots)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            request.GET();
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            breaker.onFailure();
            return new Failed(Failure.TIMEOUT, 0);
        } catch (IOException e) {
            breaker.onFailure();
            return new Failed(Failure.UNREACHABLE, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.onFailure();
            return new Failed(Failure.UNREACHABLE, 0);
        }
        int status = response.statusCode();
        if (status >= 500) {
            breaker.onFailure();
            return new Failed(Failure.SERVER_ERROR, status);
        }
        if (status < 200 || status >= 300) {
            breaker.onSuccess(); // the system answered on purpose
            return new Status(status);
        }
        byte[] body = response.body();
        JsonNode json = null;
        if (body != null && body.length <= MAX_BODY) {
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
        }
        if (json == null || !json.isObject()) {
            breaker.onFailure();
            return new Failed(Failure.MALFORMED, status);
        }
        breaker.onSuccess();
        return new Ok(status, json);
    }

    /** The path with each {@code {slot}} replaced by its URL-encoded value (a path segment). */
    static String expand(String path, Map<String, String> slots) {
        String out = path;
        for (Map.Entry<String, String> slot : slots.entrySet()) {
            out = out.replace("{" + slot.getKey() + "}",
                    URLEncoder.encode(slot.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out;
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The breaker's state of a system (ops, tests). */
    public CircuitBreaker.State breakerState(String system) {
        CircuitBreaker b = breakers.get(system);
        return b == null ? CircuitBreaker.State.CLOSED : b.state();
    }
}
