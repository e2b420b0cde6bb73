package org.supportflow.e2e;

import java.util.Map;

/** Access tokens from the local Keycloak (realm {@code support}, public client {@code support-cli}). */
final class Keycloak {

    private Keycloak() {
    }

    /** Local users have the password equal to the user name (CONTRACT.md §7). */
    static String token(String user) {
        Http.Response response = Http.postForm(
                LocalPlatform.KEYCLOAK + "/realms/support/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "support-cli", "username", user, "password", user));
        if (response.status() != 200) {
            throw new AssertionError("Keycloak refused a token for " + user + ": " + response);
        }
        return response.json().get("access_token").asText();
    }
}
