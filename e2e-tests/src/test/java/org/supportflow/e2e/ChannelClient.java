package org.supportflow.e2e;

import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.signing.ChannelSignature;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A channel integration as a customer-facing system would write it: signed POSTs and signed polling, to one
 * gateway replica (the first unless {@link #via(String)} picks another, as a load balancer would).
 */
final class ChannelClient {

    /** Local-dev demo secret of CONTRACT.md §7; production channels never use it. */
    static final String DEMO_SECRET = "local-dev-secret";

    private final String channelId;
    private final String gateway;

    ChannelClient(String channelId) {
        this(channelId, LocalPlatform.GATEWAY);
    }

    private ChannelClient(String channelId, String gateway) {
        this.channelId = channelId;
        this.gateway = gateway;
    }

    /** The same channel, talking to the gateway replica at {@code gatewayUrl}. */
    ChannelClient via(String gatewayUrl) {
        return new ChannelClient(channelId, gatewayUrl);
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    Map<String, Object> message(String messageId, String customerId, String locale, String tier, String text) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", customerId);
        customer.put("name", "테스트 고객");
        customer.put("locale", locale);
        customer.put("tier", tier);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("customer", customer);
        body.put("text", text);
        body.put("sentAt", Instant.now().toString());
        body.put("metadata", Map.of());
        return body;
    }

    Http.Response post(Map<String, Object> body, Integer waitMs) {
        return post(body, waitMs, Duration.ofSeconds(30));
    }

    /** A POST that gives up after {@code timeout}, as a channel with its own deadline does (then it retries). */
    Http.Response post(Map<String, Object> body, Integer waitMs, Duration timeout) {
        return postSigned(EventJson.toBytes(body), waitMs, timeout);
    }

    /** Any bytes, correctly signed: what reaches the gateway's parser. */
    Http.Response postSigned(byte[] raw, Integer waitMs, Duration timeout) {
        long timestamp = Instant.now().getEpochSecond();
        String url = gateway + "/api/v1/channels/" + channelId + "/messages"
                + (waitMs == null ? "" : "?waitMs=" + waitMs);
        return Http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header(ChannelSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(DEMO_SECRET, timestamp, raw))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)), timeout);
    }

    /** The unsigned variant, to check that the gateway refuses it. */
    Http.Response postUnsigned(Map<String, Object> body) {
        return Http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/channels/" + channelId
                        + "/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.toJson(body), StandardCharsets.UTF_8)));
    }

    Http.Response replies(String conversationId, String after) {
        String pathAndQuery = "/api/v1/conversations/" + conversationId + "/replies"
                + (after == null ? "" : "?after=" + Http.encode(after));
        long timestamp = Instant.now().getEpochSecond();
        return Http.send(HttpRequest.newBuilder(URI.create(gateway + pathAndQuery))
                .header(ChannelSignature.CHANNEL_HEADER, channelId)
                .header(ChannelSignature.TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(DEMO_SECRET, timestamp, pathAndQuery))
                .GET());
    }
}
