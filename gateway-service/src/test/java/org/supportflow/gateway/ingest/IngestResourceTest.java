package org.supportflow.gateway.ingest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.signing.ChannelSignature;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.devinfra.testing.PostgresTestResource;
import org.supportflow.gateway.support.CallbackServerResource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.notNullValue;
import static org.supportflow.gateway.support.GatewayTestSupport.SECRET;
import static org.supportflow.gateway.support.GatewayTestSupport.accept;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.messageJson;
import static org.supportflow.gateway.support.GatewayTestSupport.post;
import static org.supportflow.gateway.support.GatewayTestSupport.signedPost;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/** The ingestion endpoint's status codes and the event it publishes (CONTRACT.md §1). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(CallbackServerResource.class)
class IngestResourceTest {

    private static final String PATH = "/api/v1/channels/{channel}/messages";

    @Test
    void acceptsASignedMessageAndPublishesItKeyedByConversation() {
        String messageId = uniqueId("m");
        String customerId = uniqueId("cust");
        String text = "주문한 상품이 아직 안 왔어요";

        String conversationId = post("demo-kakao", messageJson(messageId, customerId, text))
                .then().statusCode(202)
                .body("messageId", equalTo(messageId))
                .body("status", equalTo("accepted"))
                .body("conversationId", notNullValue())
                .extract().path("conversationId");

        KafkaTestClient.Received<InboundMessageEvent> received = kafka().await(Topics.CONVERSATION_INBOUND,
                InboundMessageEvent.class, event -> messageId.equals(event.messageId()), Duration.ofSeconds(30));
        assertThat(received.key()).isEqualTo(conversationId);
        InboundMessageEvent event = received.value();
        assertThat(event.conversationId()).isEqualTo(conversationId);
        assertThat(event.channelId()).isEqualTo("demo-kakao");
        assertThat(event.channelType()).isEqualTo(ChannelType.KAKAO);
        assertThat(event.text()).isEqualTo(text);
        assertThat(event.customer().id()).isEqualTo(customerId);
        assertThat(event.customer().name()).isEqualTo("홍길동");
        assertThat(event.customer().tier()).isEqualTo("VIP");
        assertThat(event.sentAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(event.metadata()).containsEntry("source", "test");
        assertThat(event.schemaVersion()).isEqualTo(InboundMessageEvent.SCHEMA_VERSION);
        assertThat(event.eventId()).isNotBlank();
    }

    @Test
    void aRetryIsADuplicateWithTheSameConversationAndIsPublishedOnce() {
        String messageId = uniqueId("m");
        String body = messageJson(messageId, uniqueId("cust"), "환불은 언제 되나요?");

        String first = post("demo-web", body).then().statusCode(202)
                .body("status", equalTo("accepted")).extract().path("conversationId");
        // the retry may be signed at another time: it is the same message all the same
        signedPost(body.getBytes(StandardCharsets.UTF_8), SECRET, Instant.now().getEpochSecond() - 30)
                .post(PATH, "demo-web")
                .then().statusCode(202)
                .body("messageId", equalTo(messageId))
                .body("conversationId", equalTo(first))
                .body("status", equalTo("duplicate"));

        List<KafkaTestClient.Received<InboundMessageEvent>> published = kafka().collect(Topics.CONVERSATION_INBOUND,
                InboundMessageEvent.class, event -> messageId.equals(event.messageId()), 10, Duration.ofSeconds(4));
        assertThat(published).hasSize(1);
    }

    @Test
    void aReusedMessageIdForAnotherCustomerOrTextIsAConflictThatRevealsNothing() {
        String messageId = uniqueId("m");
        String customer = uniqueId("cust");
        post("demo-web", messageJson(messageId, customer, "제 주문번호는 ORD-1234 입니다")).then().statusCode(202);

        for (String reuse : List.of(messageJson(messageId, uniqueId("other"), "제 주문번호는 ORD-1234 입니다"),
                messageJson(messageId, customer, "another text"))) {
            post("demo-web", reuse).then().statusCode(409)
                    .body("error", equalTo("message_id_reused"))
                    .body("conversationId", nullValue());
        }
        // a true retry is still a duplicate
        post("demo-web", messageJson(messageId, customer, "제 주문번호는 ORD-1234 입니다")).then().statusCode(202)
                .body("status", equalTo("duplicate"));
    }

    @Test
    void aNulCharacterIsRefusedWith400NeverARetryable503() {
        // JSON allows an escaped NUL; PostgreSQL cannot store one: refused at the edge, not retried forever
        post("demo-web", messageJson(uniqueId("m"), uniqueId("cust"), "hel\u0000lo")).then().statusCode(400)
                .body("error", equalTo("invalid_field"));
        post("demo-web", messageJson(uniqueId("m"), uniqueId("cust") + "\u0000", "hello")).then().statusCode(400)
                .header("Retry-After", nullValue());
        post("demo-web", messageJson(uniqueId("m") + "\u0000", uniqueId("cust"), "hello")).then().statusCode(400)
                .header("Retry-After", nullValue());
    }

    @Test
    void theSameMessageIdOnAnotherChannelIsAnotherMessage() {
        String messageId = uniqueId("m");
        String customerId = uniqueId("cust");
        post("demo-web", messageJson(messageId, customerId, "hello")).then().statusCode(202)
                .body("status", equalTo("accepted"));
        post("demo-kakao", messageJson(messageId, customerId, "hello")).then().statusCode(202)
                .body("status", equalTo("accepted"));
    }

    @Test
    void acceptsFourThousandKoreanCharacters() {
        String text = "가".repeat(4000);
        post("demo-web", messageJson(uniqueId("m"), uniqueId("cust"), text)).then().statusCode(202);
    }

    @Test
    void unknownChannelIs404() {
        post("no-such-channel", messageJson(uniqueId("m"), "c", "hi"))
                .then().statusCode(404)
                .body("error", equalTo("unknown_channel"))
                .body("message", notNullValue());
    }

    @Test
    void missingSignatureIs401() {
        RestAssured.given().contentType("application/json").body(messageJson(uniqueId("m"), "c", "hi"))
                .post(PATH, "demo-web")
                .then().statusCode(401).body("error", equalTo("missing_signature"));
    }

    @Test
    void wrongSecretIs401() {
        byte[] body = messageJson(uniqueId("m"), "c", "hi").getBytes(StandardCharsets.UTF_8);
        signedPost(body, "not-the-secret", Instant.now().getEpochSecond()).post(PATH, "demo-web")
                .then().statusCode(401).body("error", equalTo("invalid_signature"));
    }

    @Test
    void aTamperedBodyIs401() {
        byte[] signed = messageJson(uniqueId("m"), "c", "hi").getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        RestAssured.given().contentType("application/json")
                .header(ChannelSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(SECRET, timestamp, signed))
                .body(messageJson(uniqueId("m"), "c", "hi!"))
                .post(PATH, "demo-web")
                .then().statusCode(401).body("error", equalTo("invalid_signature"));
    }

    @Test
    void aStaleTimestampIs401EvenWhenCorrectlySigned() {
        byte[] body = messageJson(uniqueId("m"), "c", "hi").getBytes(StandardCharsets.UTF_8);
        signedPost(body, SECRET, Instant.now().getEpochSecond() - 301).post(PATH, "demo-web")
                .then().statusCode(401).body("error", equalTo("stale_timestamp"));
        signedPost(body, SECRET, Instant.now().getEpochSecond() + 400).post(PATH, "demo-web")
                .then().statusCode(401).body("error", equalTo("stale_timestamp"));
    }

    @Test
    void aSwappedTimestampIs401() {
        byte[] body = messageJson(uniqueId("m"), "c", "hi").getBytes(StandardCharsets.UTF_8);
        long signedAt = Instant.now().getEpochSecond() - 60;
        RestAssured.given().contentType("application/json")
                .header(ChannelSignature.TIMESTAMP_HEADER, Long.toString(signedAt + 30))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(SECRET, signedAt, body))
                .body(body)
                .post(PATH, "demo-web")
                .then().statusCode(401).body("error", equalTo("invalid_signature"));
    }

    @Test
    void aMalformedSignatureHeaderIs401() {
        RestAssured.given().contentType("application/json")
                .header(ChannelSignature.TIMESTAMP_HEADER, "yesterday")
                .header(ChannelSignature.SIGNATURE_HEADER, "md5=abc")
                .body(messageJson(uniqueId("m"), "c", "hi"))
                .post(PATH, "demo-web")
                .then().statusCode(401).body("error", equalTo("malformed_signature"));
    }

    @Test
    void malformedJsonIs400() {
        post("demo-web", "{\"messageId\": \"x\", ").then().statusCode(400).body("error", equalTo("invalid_json"));
        post("demo-web", "[1, 2]").then().statusCode(400).body("error", equalTo("invalid_json"));
        post("demo-web", "").then().statusCode(400).body("error", equalTo("invalid_json"));
    }

    @Test
    void missingRequiredFieldsAre400() {
        post("demo-web", "{\"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}")
                .then().statusCode(400).body("error", equalTo("missing_field")).body("message", containsString("messageId"));
        post("demo-web", "{\"messageId\": \"m1\", \"customer\": {\"name\": \"x\"}, \"text\": \"hi\"}")
                .then().statusCode(400).body("error", equalTo("missing_field")).body("message", containsString("customer.id"));
        post("demo-web", "{\"messageId\": \"m1\", \"text\": \"hi\"}")
                .then().statusCode(400).body("error", equalTo("missing_field")).body("message", containsString("customer.id"));
        post("demo-web", "{\"messageId\": \"m1\", \"customer\": {\"id\": \"c\"}}")
                .then().statusCode(400).body("error", equalTo("missing_field")).body("message", containsString("text"));
        post("demo-web", "{\"messageId\": 42, \"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}")
                .then().statusCode(400).body("error", equalTo("invalid_field"));
    }

    @Test
    void tooLongTextIs400() {
        post("demo-web", messageJson(uniqueId("m"), "c", "a".repeat(4001)))
                .then().statusCode(400).body("error", equalTo("text_too_long"));
    }

    @Test
    void invalidSentAtIs400() {
        String body = messageJson(uniqueId("m"), "c", "hi").replace("2026-11-22T10:00:00Z", "22/11/2026");
        post("demo-web", body).then().statusCode(400).body("error", equalTo("invalid_sent_at"));
    }

    @Test
    void invalidWaitIs400() {
        String body = messageJson(uniqueId("m"), "c", "hi");
        signedPost(body).queryParam("waitMs", "4501").post(PATH, "demo-web")
                .then().statusCode(400).body("error", equalTo("invalid_wait"));
        signedPost(body).queryParam("waitMs", "soon").post(PATH, "demo-web")
                .then().statusCode(400).body("error", equalTo("invalid_wait"));
    }

    @Test
    void anOversizedBodyIs413WithAJsonBody() {
        String body = messageJson(uniqueId("m"), "c", "가".repeat(12_000));
        post("demo-web", body)
                .then().statusCode(413)
                .body("error", equalTo("payload_too_large"))
                .body("message", notNullValue());
    }

    @Test
    void anOversizedChunkedBodyWithoutContentLengthIs413Too() throws Exception {
        byte[] body = messageJson(uniqueId("m"), "c", "가".repeat(12_000)).getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/channels/demo-web/messages"))
                .header("Content-Type", "application/json")
                .header(ChannelSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(SECRET, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("\"error\":\"payload_too_large\"");
        }
    }

    @Test
    void aCustomerOverTheLimitIs429WithRetryAfter() {
        String customerId = uniqueId("cust");
        post("test-limited", messageJson(uniqueId("m"), customerId, "1")).then().statusCode(202);
        post("test-limited", messageJson(uniqueId("m"), customerId, "2")).then().statusCode(202);
        Response limited = post("test-limited", messageJson(uniqueId("m"), customerId, "3"));
        limited.then().statusCode(429).body("error", equalTo("rate_limited"));
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        // another customer of the same channel still gets through
        post("test-limited", messageJson(uniqueId("m"), uniqueId("cust"), "1")).then().statusCode(202);
    }

    @Test
    void unknownPathsAnswerJson() {
        RestAssured.get("/api/v1/nothing-here").then().statusCode(404).body("error", notNullValue());
    }

    @Test
    void countersTellOutcomesByChannelAndReason() {
        accept("demo-web", uniqueId("m"), uniqueId("cust"), "hi");
        RestAssured.given().contentType("application/json").body("{}").post(PATH, "demo-web").then().statusCode(401);
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "gateway_messages_total\\{[^}]*channel=\"demo-web\"[^}]*outcome=\"accepted\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern(
                "gateway_messages_total\\{[^}]*channel=\"demo-web\"[^}]*outcome=\"rejected\"[^}]*reason=\"missing_signature\"[^}]*\\} [1-9]");
    }

    @Test
    void readinessIncludesDatabaseAndKafka() {
        org.supportflow.gateway.support.GatewayTestSupport.awaitReady();
        String health = RestAssured.get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("reply-wakeups").containsIgnoringCase("reactive messaging")
                .containsIgnoringCase("database");
    }
}
