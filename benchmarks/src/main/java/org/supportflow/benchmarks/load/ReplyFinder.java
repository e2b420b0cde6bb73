package org.supportflow.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.signing.ChannelSignature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads conversations' replies from the gateway's polling endpoint, as a polling channel would, keeping one
 * cursor per conversation so that each reply is read once.
 */
final class ReplyFinder {

    /** A reply to the customer message {@code inReplyTo}, produced at {@code sentAt}. */
    record Reply(String inReplyTo, Instant sentAt) {
    }

    private static final int PAGE = 500;

    private final HttpClient client;
    private final LoadOptions options;
    private final Map<String, String> cursors = new ConcurrentHashMap<>();

    ReplyFinder(HttpClient client, LoadOptions options) {
        this.client = client;
        this.options = options;
    }

    /** The conversation's replies not read before; fails on an HTTP error. */
    CompletableFuture<List<Reply>> newReplies(String conversationId) {
        return page(conversationId, new ArrayList<>());
    }

    private CompletableFuture<List<Reply>> page(String conversationId, List<Reply> found) {
        String cursor = cursors.get(conversationId);
        String pathAndQuery = "/api/v1/conversations/" + conversationId + "/replies?limit=" + PAGE
                + (cursor == null ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.gateway() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header(ChannelSignature.CHANNEL_HEADER, options.channel())
                .header(ChannelSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER,
                        ChannelSignature.sign(options.secret(), timestamp, pathAndQuery))
                .GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenCompose(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("replies of " + conversationId + ": HTTP " + response.statusCode());
            }
            JsonNode body = readTree(response.body());
            JsonNode replies = body.path("replies");
            for (JsonNode reply : replies) {
                found.add(new Reply(reply.path("inReplyTo").asText(""), Instant.parse(reply.path("sentAt").asText())));
            }
            String next = body.path("next").asText(null);
            if (next != null) {
                cursors.put(conversationId, next);
            }
            return replies.size() == PAGE ? page(conversationId, found) : CompletableFuture.completedFuture(found);
        });
    }

    static JsonNode readTree(byte[] json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable JSON", e);
        }
    }
}
