package org.supportflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Keycloak's admin REST API (the master realm's local-only administrator, as up.sh creates it), for
 * what a test must do to the realm {@code support} that no user can: end a user's sessions, list them, shorten a
 * client's token lifespan.
 */
final class KeycloakAdmin {

    private static final String REALM = LocalPlatform.KEYCLOAK + "/admin/realms/support";
    private static final String USER = System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    private static final String PASSWORD = System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");

    private KeycloakAdmin() {
    }

    private static String token() {
        Http.Response response = Http.postForm(LocalPlatform.KEYCLOAK + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", USER, "password", PASSWORD));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("access_token").asText();
    }

    private static Http.Response call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(REALM + path))
                .header("Authorization", "Bearer " + token())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return Http.send(request);
    }

    static String userId(String username) {
        Http.Response users = call("GET", "/users?exact=true&username=" + Http.encode(username), null);
        assertThat(users.status()).as(users.toString()).isEqualTo(200);
        assertThat(users.json()).as(users.toString()).hasSize(1);
        return users.json().get(0).get("id").asText();
    }

    /** The ids of the user's current sessions (every client's). */
    static Set<String> sessionIds(String username) {
        Http.Response sessions = call("GET", "/users/" + userId(username) + "/sessions", null);
        assertThat(sessions.status()).as(sessions.toString()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        sessions.json().forEach(session -> ids.add(session.get("id").asText()));
        return ids;
    }

    /** Ends every session of the user, as an administrator (or Keycloak's session limits) would. */
    static void endSessions(String username) {
        Http.Response logout = call("POST", "/users/" + userId(username) + "/logout", null);
        assertThat(logout.status()).as(logout.toString()).isIn(200, 204);
    }

    /**
     * Sets (or with {@code null} removes) a client's attribute, e.g. {@code access.token.lifespan}; returns the
     * value it had.
     */
    static String clientAttribute(String clientId, String attribute, String value) {
        Http.Response clients = call("GET", "/clients?clientId=" + Http.encode(clientId), null);
        assertThat(clients.status()).as(clients.toString()).isEqualTo(200);
        ObjectNode client = (ObjectNode) clients.json().get(0);
        ObjectNode attributes = client.has("attributes") ? (ObjectNode) client.get("attributes")
                : client.putObject("attributes");
        JsonNode previous = attributes.get(attribute);
        if (value == null) {
            // Keycloak keeps an attribute it is not sent; an empty value means "the realm's default".
            attributes.put(attribute, "");
        } else {
            attributes.put(attribute, value);
        }
        Http.Response updated = call("PUT", "/clients/" + client.get("id").asText(), client.toString());
        assertThat(updated.status()).as(updated.toString()).isIn(200, 204);
        return previous == null || previous.asText().isEmpty() ? null : previous.asText();
    }
}
