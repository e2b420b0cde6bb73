package org.supportflow.gateway.kakao;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.DeliveryStatusEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.gateway.support.KakaoFakeServerResource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.supportflow.gateway.support.GatewayTestSupport.SECRET;
import static org.supportflow.gateway.support.GatewayTestSupport.awaitReady;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.signedGet;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/**
 * The KakaoTalk skill end to end inside the gateway: payloads from the fixtures (CHANNELS.md), the bot played
 * by the test on {@code conversation.outbound}, Kakao's callbackUrls and Event API played by
 * {@link KakaoFakeServerResource}. "Not in time" comes from channels with a tiny reply budget, never from sleeping.
 */
@QuarkusTest
@QuarkusTestResource(KakaoFakeServerResource.class)
class KakaoSkillResourceTest {

    private static final String PATH = "/api/v1/channels/{channel}/kakao/skill";

    @BeforeEach
    void ready() {
        awaitReady();
    }

    // ------------------------------------------------------------------ answered in time

    @Test
    void answersWithTheBotsReplySplitAtSentencesWithQuickReplies() throws Exception {
        String userKey = uniqueId("ko-user");
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() ->
                skill("test-kakao", payload("skill-payload-ko.json", userKey, null)));
        InboundMessageEvent inbound = inboundOf(userKey);
        assertThat(inbound.text()).isEqualTo("주문한 상품이 아직 안 왔어요. 배송 조회 부탁드려요!");
        assertThat(inbound.customer().locale()).isEqualTo("ko");
        assertThat(inbound.metadata()).containsEntry("kakaoBlock", "폴백 블록");
        String longAnswer = "주문하신 상품은 오늘 오후에 출고되어 내일 도착할 예정입니다. ".repeat(40).strip(); // 1,479 chars
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.automaticReply(inbound.conversationId(),
                "test-kakao", inbound.messageId(), Author.BOT, OutboundMessageEvent.Kind.ANSWER, longAnswer,
                List.of("배송 조회", "상담원 연결")));

        Response response = waiting.get(30, TimeUnit.SECONDS);
        response.then().statusCode(200)
                .body("version", equalTo("2.0"))
                .body("template.outputs", hasSize(2))
                .body("template.quickReplies", hasSize(2))
                .body("template.quickReplies[0].label", equalTo("배송 조회"))
                .body("template.quickReplies[0].action", equalTo("message"))
                .body("template.quickReplies[0].messageText", equalTo("배송 조회"));
        List<String> outputs = response.jsonPath().getList("template.outputs.simpleText.text");
        assertThat(outputs).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(1000));
        assertThat(String.join(" ", outputs)).isEqualTo(longAnswer);
    }

    // ------------------------------------------------------------------ not in time, with a callbackUrl

    @Test
    void notInTimeAnswersUseCallbackThenPostsTheReplyOnceEvenWhenKafkaDeliversItAgain() {
        String userKey = uniqueId("en-user");
        String callbackPath = "/callback/ok/" + UUID.randomUUID();
        skill("test-kakao-slow", payload("skill-payload-en-callback.json", userKey, fakeBase() + callbackPath))
                .then().statusCode(200)
                .body("version", equalTo("2.0"))
                .body("useCallback", equalTo(true))
                .body("data.text", equalTo("We are preparing your answer. One moment, please."));
        InboundMessageEvent inbound = inboundOf(userKey);
        // the routing service's handoff notice is an automatic reply like the bot's answer
        OutboundMessageEvent notice = OutboundMessageEvent.automaticReply(inbound.conversationId(), "test-kakao-slow",
                inbound.messageId(), Author.SYSTEM, OutboundMessageEvent.Kind.HANDOFF_NOTICE,
                "A person will answer you here shortly.", List.of());
        kafka().send(Topics.CONVERSATION_OUTBOUND, notice);

        await().atMost(Duration.ofSeconds(20)).until(() -> receivedAt(callbackPath).size() == 1);
        Map<String, Object> body = json(receivedAt(callbackPath).getFirst());
        assertThat(body).containsEntry("version", "2.0");
        assertThat(body.get("template").toString()).contains("A person will answer you here shortly.");
        awaitStatus(notice.messageId(), DeliveryStatusEvent.Status.CALLBACK);

        // a redelivery, then a later reply of the same conversation (same partition, handled in order)
        OutboundMessageEvent later = OutboundMessageEvent.of(inbound.conversationId(), "test-kakao-slow", null,
                Author.AGENT, "agent-1", OutboundMessageEvent.Kind.AGENT_REPLY, "Agent here.", List.of());
        kafka().send(Topics.CONVERSATION_OUTBOUND, notice);
        kafka().send(Topics.CONVERSATION_OUTBOUND, later);
        awaitStored("test-kakao-slow", inbound.conversationId(), 2);

        assertThat(receivedAt(callbackPath)).hasSize(1);
    }

    @Test
    void aFailingCallbackIsCountedAndItsReplyComesWithTheNextUtterance() {
        String userKey = uniqueId("en-user");
        String callbackPath = "/callback/fail/" + UUID.randomUUID();
        double failedBefore = counter("gateway_kakao_callbacks_total", "test-kakao-slow", "failed");
        skill("test-kakao-slow", payload("skill-payload-en-callback.json", userKey, fakeBase() + callbackPath))
                .then().statusCode(200).body("useCallback", equalTo(true));
        InboundMessageEvent inbound = inboundOf(userKey);
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.automaticReply(inbound.conversationId(),
                "test-kakao-slow", inbound.messageId(), Author.BOT, OutboundMessageEvent.Kind.ANSWER,
                "Your order arrives tomorrow.", List.of()));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                counter("gateway_kakao_callbacks_total", "test-kakao-slow", "failed") > failedBefore);
        assertThat(receivedAt(callbackPath)).hasSize(1);

        skill("test-kakao-slow", payload("skill-payload-en-callback.json", userKey, null))
                .then().statusCode(200)
                .body("template.outputs.simpleText.text",
                        equalTo(List.of("Your order arrives tomorrow.", "We received your message. The answer will follow.")));
    }

    @Test
    void anAgentsLaterReplyUsesAStillValidCallbackOfTheConversation() {
        String userKey = uniqueId("ko-user");
        String callbackPath = "/callback/ok/" + UUID.randomUUID();
        skill("test-kakao-slow", payload("skill-payload-ko.json", userKey, fakeBase() + callbackPath))
                .then().statusCode(200)
                .body("useCallback", equalTo(true))
                .body("data.text", equalTo("답변을 준비하고 있어요. 잠시만 기다려 주세요."));
        InboundMessageEvent inbound = inboundOf(userKey);
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(inbound.conversationId(), "test-kakao-slow",
                null, Author.AGENT, "agent-7", OutboundMessageEvent.Kind.AGENT_REPLY, "상담원 김민지입니다. 확인해 드릴게요.",
                List.of()));

        await().atMost(Duration.ofSeconds(20)).until(() -> receivedAt(callbackPath).size() == 1);
        assertThat(json(receivedAt(callbackPath).getFirst()).get("template").toString()).contains("상담원 김민지입니다.");
    }

    // ------------------------------------------------------------------ not in time, no callbackUrl

    @Test
    void withoutCallbackTheReplyIsHeldAndShownOnceBeforeTheNextAnswer() {
        String userKey = uniqueId("ko-user");
        skill("test-kakao-slow", payload("skill-payload-ko.json", userKey, null))
                .then().statusCode(200)
                .body("template.outputs.simpleText.text", equalTo(List.of("메시지를 잘 받았어요. 답변이 준비되는 대로 전해 드릴게요.")));
        InboundMessageEvent inbound = inboundOf(userKey);
        OutboundMessageEvent answer = OutboundMessageEvent.automaticReply(inbound.conversationId(),
                "test-kakao-slow", inbound.messageId(), Author.BOT, OutboundMessageEvent.Kind.ANSWER,
                "배송은 내일 도착합니다.", List.of("고마워요"));
        kafka().send(Topics.CONVERSATION_OUTBOUND, answer);
        awaitStatus(answer.messageId(), DeliveryStatusEvent.Status.HELD_UNTIL_NEXT_MESSAGE);

        skill("test-kakao-slow", payload("skill-payload-ko.json", userKey, null))
                .then().statusCode(200)
                .body("template.outputs.simpleText.text",
                        equalTo(List.of("배송은 내일 도착합니다.", "메시지를 잘 받았어요. 답변이 준비되는 대로 전해 드릴게요.")));
        awaitStatus(answer.messageId(), DeliveryStatusEvent.Status.DELIVERED);
        // shown once: the utterance after that has only its own notice
        skill("test-kakao-slow", payload("skill-payload-ko.json", userKey, null))
                .then().statusCode(200)
                .body("template.outputs.simpleText.text", equalTo(List.of("메시지를 잘 받았어요. 답변이 준비되는 대로 전해 드릴게요.")));
    }

    @Test
    void anAgentsLaterReplyGoesThroughTheEventApiWhereConfigured() {
        String userKey = uniqueId("ko-user");
        skill("test-kakao-event", payload("skill-payload-ko-no-lang.json", userKey, null)).then().statusCode(200);
        InboundMessageEvent inbound = inboundOf(userKey);
        OutboundMessageEvent agentReply = OutboundMessageEvent.of(inbound.conversationId(), "test-kakao-event",
                null, Author.AGENT, "agent-7", OutboundMessageEvent.Kind.AGENT_REPLY, "상담원입니다. 환불 처리해 드렸어요.",
                List.of());
        kafka().send(Topics.CONVERSATION_OUTBOUND, agentReply);

        String talkPath = "/event-api/v2/bots/test-bot/talk";
        Map<String, Object> call = await().atMost(Duration.ofSeconds(20)).until(() -> received().stream()
                .filter(entry -> talkPath.equals(entry.get("path")) && ((String) entry.get("body")).contains(userKey))
                .findFirst(), java.util.Optional::isPresent).get();
        assertThat(call.get("authorization")).isEqualTo("KakaoAK test-rest-api-key");
        Map<String, Object> body = json(call);
        assertThat(body.get("event")).isEqualTo(Map.of("name", "supportflow_reply",
                "data", Map.of("text", "상담원입니다. 환불 처리해 드렸어요.")));
        assertThat(body.get("user")).isEqualTo(List.of(Map.of("type", "botUserKey", "id", userKey)));
        awaitStatus(agentReply.messageId(), DeliveryStatusEvent.Status.EVENT_API);
    }

    // ------------------------------------------------------------------ refused requests

    @Test
    void unknownOrNonKakaoChannelsAre404() {
        String body = payload("skill-payload-ko.json", uniqueId("u"), null);
        skill("no-such-channel", body).then().statusCode(404).body("error", equalTo("unknown_channel"));
        skill("demo-web", body).then().statusCode(404).body("error", equalTo("unknown_channel"));
    }

    @Test
    void aMissingOrWrongSkillKeyIs401() {
        byte[] body = payload("skill-payload-ko.json", uniqueId("u"), null).getBytes(StandardCharsets.UTF_8);
        RestAssured.given().contentType("application/json").body(body).post(PATH, "test-kakao")
                .then().statusCode(401).body("error", equalTo("unauthorized"));
        RestAssured.given().contentType("application/json").header("X-Skill-Key", "local-dev-secreT").body(body)
                .post(PATH, "test-kakao")
                .then().statusCode(401).body("error", equalTo("invalid_skill_key"));
    }

    @Test
    void anOversizedBodyIs413WithOrWithoutContentLength() throws Exception {
        String payload = payload("skill-payload-ko.json", uniqueId("u"), null);
        byte[] body = payload.replace("\"contexts\":[]", "\"contexts\":[\"" + "가".repeat(12_000) + "\"]")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(32768);
        // with a Content-Length (refused before reading) and chunked (the skill checks what it read)
        for (HttpRequest.BodyPublisher publisher : List.of(HttpRequest.BodyPublishers.ofByteArray(body),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/channels/test-kakao/kakao/skill"))
                    .header("Content-Type", "application/json")
                    .header("X-Skill-Key", SECRET)
                    .POST(publisher)
                    .build();
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(413);
                assertThat(response.body()).contains("\"error\":\"payload_too_large\"");
            }
        }
    }

    @Test
    void malformedPayloadsAre400WithTheJsonErrorBody() {
        skill("test-kakao", "{\"userRequest\": ").then().statusCode(400).body("error", equalTo("invalid_json"));
        skill("test-kakao", "{\"userRequest\": {\"user\": {\"id\": \"u\"}}}")
                .then().statusCode(400).body("error", equalTo("missing_field"));
        skill("test-kakao", "{\"userRequest\": {\"utterance\": \"hi\", \"user\": {}}}")
                .then().statusCode(400).body("error", equalTo("missing_field"));
        skill("test-kakao", payload("skill-payload-ko.json", uniqueId("u"), null).replace("배송 조회", "배송\\u0007조회"))
                .then().statusCode(400).body("error", equalTo("invalid_field"));
    }

    // ------------------------------------------------------------------ helpers

    private static Response skill(String channelId, String body) {
        return RestAssured.given().contentType("application/json").header("X-Skill-Key", SECRET)
                .body(body.getBytes(StandardCharsets.UTF_8)).post(PATH, channelId);
    }

    /** A fixture with this user (unique per test) and callbackUrl (removed when null). */
    @SuppressWarnings("unchecked")
    private static String payload(String fixture, String userKey, String callbackUrl) {
        Map<String, Object> root;
        try (InputStream in = KakaoSkillResourceTest.class.getResourceAsStream("/kakao/" + fixture)) {
            root = EventJson.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> userRequest = (Map<String, Object>) root.get("userRequest");
        ((Map<String, Object>) userRequest.get("user")).put("id", userKey);
        if (callbackUrl == null) {
            userRequest.remove("callbackUrl");
        } else {
            userRequest.put("callbackUrl", callbackUrl);
        }
        return EventJson.toJson(root);
    }

    private static InboundMessageEvent inboundOf(String userKey) {
        return kafka().await(Topics.CONVERSATION_INBOUND, InboundMessageEvent.class,
                event -> userKey.equals(event.customer().id()), Duration.ofSeconds(20)).value();
    }

    /** Waits until the gateway stored this many replies of the conversation (delivery handles them in order). */
    private static void awaitStored(String channelId, String conversationId, int count) {
        String target = "/api/v1/conversations/" + conversationId + "/replies";
        await().atMost(Duration.ofSeconds(20)).until(() ->
                signedGet(channelId, SECRET, target).then().extract().<List<?>>path("replies").size() == count);
    }

    /** Waits for the status the ticket will show for this reply. */
    private static void awaitStatus(String replyMessageId, DeliveryStatusEvent.Status status) {
        kafka().await(Topics.CONVERSATION_DELIVERY, DeliveryStatusEvent.class,
                event -> replyMessageId.equals(event.messageId()) && event.status() == status, Duration.ofSeconds(20));
    }

    private static String fakeBase() {
        return ConfigProvider.getConfig().getValue(KakaoFakeServerResource.BASE_URL_PROPERTY, String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> received() {
        return RestAssured.get(fakeBase() + "/_received").then().statusCode(200).extract().as(List.class);
    }

    private static List<Map<String, Object>> receivedAt(String path) {
        return received().stream().filter(entry -> path.equals(entry.get("path"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Map<String, Object> entry) {
        return EventJson.fromJson((String) entry.get("body"), Map.class);
    }

    /** A counter's value from /q/metrics (0 when it was never incremented). */
    private static double counter(String name, String channel, String outcome) {
        String prefix = name + "{channel=\"" + channel + "\",outcome=\"" + outcome + "\"";
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
