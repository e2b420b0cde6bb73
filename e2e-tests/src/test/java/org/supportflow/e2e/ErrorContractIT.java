package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One error contract: the same bad input gets the same status and error code from every service, as
 * {@code {"error", "message"}}, with {@code X-Content-Type-Options: nosniff} and nothing internal in it.
 */
@Order(6)
class ErrorContractIT {

    private static final List<String> SERVICES = List.of(LocalPlatform.GATEWAY, LocalPlatform.NLU,
            LocalPlatform.ROUTING, LocalPlatform.TICKETS, LocalPlatform.ANALYTICS);
    private static final String MALFORMED = "{\"text\": \"unterminated";

    @BeforeAll
    static void platformIsUp() {
        LocalPlatform.ensureStarted();
    }

    @Test
    void anUnknownPathIsTheSame404Everywhere() {
        for (String service : SERVICES) {
            Http.Response response = Http.get(service + "/api/v1/no-such-thing", null);
            assertError(service, response, 404, "not_found");
        }
    }

    @Test
    void malformedJsonIsTheSame400Everywhere() {
        String agent = Keycloak.token("agent1");
        String admin = Keycloak.token("admin1");
        assertError("gateway", new ChannelClient("demo-web").postSigned(MALFORMED.getBytes(StandardCharsets.UTF_8),
                null, Duration.ofSeconds(30)), 400, "invalid_json");
        assertError("nlu", sendRaw("POST", LocalPlatform.NLU + "/api/v1/nlu/classify", null), 400, "invalid_json");
        assertError("ticket presence", sendRaw("PUT", LocalPlatform.TICKETS + "/api/v1/agents/me/presence", agent),
                400, "invalid_json");
        assertError("ticket reply", sendRaw("POST", LocalPlatform.TICKETS + "/api/v1/tickets/no-such-ticket/replies",
                admin), 400, "invalid_json");
    }

    @Test
    void aMissingTokenIsTheSame401Everywhere() {
        for (String url : List.of(LocalPlatform.TICKETS + "/api/v1/tickets",
                LocalPlatform.ANALYTICS + "/api/v1/analytics/summary", LocalPlatform.NLU + "/api/v1/nlu/models",
                LocalPlatform.ROUTING + "/api/v1/routing/agents")) {
            assertError(url, Http.get(url, null), 401, "unauthorized");
        }
    }

    @Test
    void aTokenWithoutTheRoleIsTheSame403Everywhere() {
        String agent = Keycloak.token("agent1");
        for (String url : List.of(LocalPlatform.ANALYTICS + "/api/v1/analytics/summary",
                LocalPlatform.NLU + "/api/v1/nlu/models", LocalPlatform.ROUTING + "/api/v1/routing/agents")) {
            assertError(url, Http.get(url, agent), 403, "forbidden");
        }
    }

    private static Http.Response sendRaw(String method, String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(MALFORMED));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Http.send(request);
    }

    private static void assertError(String where, Http.Response response, int status, String code) {
        assertThat(response.status()).as("%s: %s", where, response).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).as("%s: %s", where, response).isEqualTo(code);
        assertThat(body.path("message").asText()).as("%s: %s", where, response).isNotBlank()
                .doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at io.");
        Map<String, List<String>> headers = response.headers();
        assertThat(headers.getOrDefault("x-content-type-options", List.of())).as("%s nosniff", where)
                .contains("nosniff");
    }
}
