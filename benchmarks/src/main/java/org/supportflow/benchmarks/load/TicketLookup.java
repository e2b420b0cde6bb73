package org.supportflow.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Tells bot silence from loss: a message in a conversation already handed to a human gets no bot reply by
 * design, but it is in that conversation's ticket transcript. Reads ticket-service as {@code supervisor1}
 * (who sees every ticket) with a Keycloak password-grant token.
 */
final class TicketLookup {

    private final HttpClient client;
    private final LoadOptions options;
    private volatile String token;

    TicketLookup(HttpClient client, LoadOptions options) {
        this.client = client;
        this.options = options;
    }

    /** Fetches a fresh token (one per lookup round: rounds are seconds apart, tokens live minutes). */
    void login() throws Exception {
        String form = "grant_type=password&client_id=support-cli&username=" + encode(options.ticketUser())
                + "&password=" + encode(options.ticketPassword());
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                        URI.create(options.keycloak() + "/realms/support/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak token: HTTP " + response.statusCode());
        }
        token = ReplyFinder.readTree(response.body()).path("access_token").asText();
    }

    /** Ids of the messages in the transcripts of the conversation's tickets (none without a ticket). */
    CompletableFuture<Set<String>> transcriptMessageIds(String conversationId) {
        return get("/api/v1/tickets?size=100&conversationId=" + encode(conversationId)).thenCompose(page -> {
            List<CompletableFuture<JsonNode>> details = new ArrayList<>();
            for (JsonNode ticket : page.path("items")) {
                details.add(get("/api/v1/tickets/" + encode(ticket.path("id").asText())));
            }
            return CompletableFuture.allOf(details.toArray(CompletableFuture[]::new)).thenApply(done -> {
                Set<String> ids = new HashSet<>();
                for (CompletableFuture<JsonNode> detail : details) {
                    detail.join().path("transcript").forEach(entry -> ids.add(entry.path("messageId").asText()));
                }
                return ids;
            });
        });
    }

    private CompletableFuture<JsonNode> get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.tickets() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + ": HTTP " + response.statusCode());
            }
            return ReplyFinder.readTree(response.body());
        });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
