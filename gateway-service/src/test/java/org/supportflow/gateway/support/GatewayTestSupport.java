package org.supportflow.gateway.support;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.signing.ChannelSignature;
import org.supportflow.devinfra.testing.KafkaTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Builds signed requests the way a channel integration does. */
public final class GatewayTestSupport {

    /** The LOCAL-DEV secret of the demo and test channels (application.properties, %test). */
    public static final String SECRET = "local-dev-secret";

    /** Shared by the gateway's tests for the whole run (it connects on first use). */
    private static final KafkaTestClient KAFKA = KafkaTestClient.forTestBroker();

    private GatewayTestSupport() {
    }

    public static KafkaTestClient kafka() {
        return KAFKA;
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static String messageJson(String messageId, String customerId, String text) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", customerId);
        customer.put("name", "홍길동");
        customer.put("locale", "ko-KR");
        customer.put("tier", "VIP");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("customer", customer);
        body.put("text", text);
        body.put("sentAt", "2026-11-22T10:00:00Z");
        body.put("metadata", Map.of("source", "test"));
        return EventJson.toJson(body);
    }

    /** A request whose headers sign {@code body} with {@code secret} at {@code timestamp}. */
    public static RequestSpecification signedPost(byte[] body, String secret, long timestamp) {
        return RestAssured.given()
                .contentType("application/json")
                .header(ChannelSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(secret, timestamp, body))
                .body(body);
    }

    public static RequestSpecification signedPost(String body) {
        return signedPost(body.getBytes(StandardCharsets.UTF_8), SECRET, Instant.now().getEpochSecond());
    }

    public static Response post(String channelId, String body) {
        return signedPost(body).post("/api/v1/channels/{channel}/messages", channelId);
    }

    /** Posts a message and returns its conversation id (asserting the 202). */
    public static String accept(String channelId, String messageId, String customerId, String text) {
        return post(channelId, messageJson(messageId, customerId, text))
                .then().statusCode(202).extract().path("conversationId");
    }

    /** A signed polling GET of exactly {@code target} (path and query, not re-encoded). */
    public static Response signedGet(String channelId, String secret, String target) {
        long timestamp = Instant.now().getEpochSecond();
        return RestAssured.given()
                .urlEncodingEnabled(false)
                .header(ChannelSignature.CHANNEL_HEADER, channelId)
                .header(ChannelSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(secret, timestamp, target))
                .get(target);
    }

    /** Waits until this replica listens for reply wake-ups (readiness includes it). */
    public static void awaitReady() {
        await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> RestAssured.get("/q/health/ready").statusCode() == 200);
    }
}
