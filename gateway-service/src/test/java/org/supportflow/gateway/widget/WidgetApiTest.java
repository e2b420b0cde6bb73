package org.supportflow.gateway.widget;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.Author;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/** The web chat widget's API under /widget/v1/{channelId}/ (docs/WIDGET.md). */
@QuarkusTest
class WidgetApiTest {

    private static final String ORIGIN = "http://localhost:5500";
    private static final String IDENTITY_SECRET = "local-dev-identity-secret";
    private static final Duration PIPELINE = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL base;

    private static RequestSpecification page() {
        return RestAssured.given().header("Origin", ORIGIN).contentType("application/json");
    }

    private static String session(Map<String, Object> body) {
        return page().body(EventJson.toJson(body)).post("/widget/v1/demo-web/session")
                .then().statusCode(200).extract().path("visitorToken");
    }

    private static Response send(String token, String clientId, String text) {
        return page().header("Authorization", "Bearer " + token)
                .body(EventJson.toJson(Map.of("clientId", clientId, "text", text, "locale", "ko-KR")))
                .post("/widget/v1/demo-web/messages");
    }

    private static Response history(String token) {
        return page().header("Authorization", "Bearer " + token).get("/widget/v1/demo-web/history");
    }

    private static void reply(String conversationId, String inReplyTo, Author author, OutboundMessageEvent.Kind kind,
                              String text, List<String> quickReplies) {
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(conversationId, "demo-web", inReplyTo,
                author, author == Author.AGENT ? "agent1" : null, kind, text, quickReplies));
    }

    @Test
    void aSessionSurvivesReloadsAndAnIdentityNeedsTheSitesHmac() {
        Response first = page().body("{}").post("/widget/v1/demo-web/session");
        first.then().statusCode(200).body("visitorToken", notNullValue()).body("identified", equalTo(false));
        String visitorId = first.path("visitorId");

        // a reload (or a new tab) presents the stored token: same visitor
        page().body(EventJson.toJson(Map.of("visitorToken", first.path("visitorToken"))))
                .post("/widget/v1/demo-web/session").then().statusCode(200).body("visitorId", equalTo(visitorId));
        // a forged token does not carry its visitor over: a new one
        page().body("{\"visitorToken\":\"forged.token\"}").post("/widget/v1/demo-web/session")
                .then().statusCode(200).body("visitorId", org.hamcrest.Matchers.not(equalTo(visitorId)));

        String hash = VisitorTokens.identityHash(IDENTITY_SECRET, "shop-user-7");
        page().body(EventJson.toJson(Map.of("user", Map.of("id", "shop-user-7", "hash", hash))))
                .post("/widget/v1/demo-web/session").then().statusCode(200).body("identified", equalTo(true));
        page().body(EventJson.toJson(Map.of("user", Map.of("id", "shop-user-8", "hash", hash))))
                .post("/widget/v1/demo-web/session")
                .then().statusCode(401).body("error", equalTo("invalid_identity"));
        // a channel without an identity secret cannot identify users at all (no Origin: not a page's request)
        RestAssured.given().contentType("application/json")
                .body(EventJson.toJson(Map.of("user", Map.of("id", "u", "hash", hash))))
                .post("/widget/v1/test-callback/session")
                .then().statusCode(400).body("error", equalTo("identity_not_enabled"));
    }

    @Test
    void anIdentifiedUsersHistoryFollowsThemToAnotherBrowser() {
        String user = uniqueId("shop-user");
        Map<String, Object> identity = Map.of("user", Map.of("id", user,
                "hash", VisitorTokens.identityHash(IDENTITY_SECRET, user)));
        String laptop = session(identity);
        send(laptop, uniqueId("client"), "노트북에서 보낸 질문").then().statusCode(202);
        String phone = session(identity);
        history(phone).then().statusCode(200).body("entries[0].text", equalTo("노트북에서 보낸 질문"));
        // the same browser, anonymous again (logged out): not the user's history
        String anonymous = session(Map.of());
        history(anonymous).then().statusCode(200).body("entries.size()", equalTo(0));
    }

    @Test
    void aRetriedSendIsNotSentTwiceAndAReusedClientIdIsRefused() {
        String token = session(Map.of());
        String clientId = uniqueId("client");
        Response first = send(token, clientId, "주문한 상품 배송 조회하고 싶어요");
        first.then().statusCode(202).body("status", equalTo("accepted")).body("clientId", equalTo(clientId));
        Response retry = send(token, clientId, "주문한 상품 배송 조회하고 싶어요");
        retry.then().statusCode(202).body("status", equalTo("duplicate"))
                .body("messageId", equalTo(first.path("messageId")))
                .body("conversationId", equalTo(first.path("conversationId")));
        send(token, clientId, "다른 내용").then().statusCode(409).body("error", equalTo("message_id_reused"));

        history(token).then().statusCode(200).body("entries.size()", equalTo(1))
                .body("entries[0].from", equalTo("customer"))
                .body("entries[0].clientId", equalTo(clientId));
    }

    @Test
    void theHistoryInterleavesTheVisitorsMessagesAndRepliesWithTheirKind() {
        String token = session(Map.of());
        Response sent = send(token, uniqueId("client"), "상담원 연결해 주세요");
        String conversationId = sent.path("conversationId");
        reply(conversationId, sent.path("messageId"), Author.SYSTEM, OutboundMessageEvent.Kind.HANDOFF_NOTICE,
                "상담원을 연결해 드릴게요.", List.of());
        await().atMost(PIPELINE).until(() -> history(token).path("entries.size()").equals(2));
        send(token, uniqueId("client"), "감사합니다").then().statusCode(202);
        reply(conversationId, null, Author.SYSTEM, OutboundMessageEvent.Kind.CSAT_QUESTION,
                "상담은 만족스러우셨나요?", List.of("1", "2", "3", "4", "5"));
        await().atMost(PIPELINE).until(() -> history(token).path("entries.size()").equals(4));

        Response history = history(token);
        history.then().statusCode(200)
                .body("entries.from", equalTo(List.of("customer", "system", "customer", "system")))
                .body("entries[1].kind", equalTo("HANDOFF_NOTICE"))
                .body("entries[3].kind", equalTo("CSAT_QUESTION"))
                .body("entries[3].quickReplies", equalTo(List.of("1", "2", "3", "4", "5")))
                .body("cursor", equalTo(history.path("entries[3].cursor")));
    }

    @Test
    void theStreamPushesRepliesAndResumesAfterTheLastEventIdWithoutLossOrRepeat() throws Exception {
        String token = session(Map.of());
        Response sent = send(token, uniqueId("client"), "배송비는 얼마인가요?");
        String conversationId = sent.path("conversationId");
        URI stream = URI.create(base + "widget/v1/demo-web/stream?token=" + token);

        String firstId;
        try (SseClient client = SseClient.open(stream, null)) {
            assertThat(client.response().headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
            reply(conversationId, sent.path("messageId"), Author.BOT, OutboundMessageEvent.Kind.ANSWER,
                    "배송비는 3,000원입니다.", List.of("반품 문의"));
            SseClient.Event event = client.next(PIPELINE);
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("reply");
            assertThat(event.data()).contains("배송비는 3,000원입니다.").contains("\"from\":\"bot\"")
                    .contains("\"kind\":\"ANSWER\"").contains("반품 문의");
            firstId = event.id();
            assertThat(event.data()).contains("\"cursor\":\"" + firstId + "\"");
        }

        // disconnected: an agent answers twice meanwhile
        reply(conversationId, null, Author.AGENT, OutboundMessageEvent.Kind.AGENT_REPLY, "상담원입니다.", List.of());
        reply(conversationId, null, Author.AGENT, OutboundMessageEvent.Kind.AGENT_REPLY, "확인해 보겠습니다.", List.of());
        await().atMost(PIPELINE).until(() -> history(token).path("entries.size()").equals(4));

        // EventSource reconnects with Last-Event-ID (which wins over a stale ?after=0)
        try (SseClient resumed = SseClient.open(URI.create(stream + "&after=0"), firstId)) {
            SseClient.Event second = resumed.next(PIPELINE);
            SseClient.Event third = resumed.next(PIPELINE);
            assertThat(second.data()).contains("상담원입니다.");
            assertThat(third.data()).contains("확인해 보겠습니다.");
            assertThat(Long.parseLong(third.id())).isGreaterThan(Long.parseLong(second.id()));
            assertThat(resumed.next(Duration.ofSeconds(2))).as("nothing repeated").isNull();
        }
    }

    @Test
    void pagesOfOtherOriginsAreRefusedAndGetNoCorsHeaders() {
        RestAssured.given().header("Origin", "https://evil.example").contentType("application/json").body("{}")
                .post("/widget/v1/demo-web/session")
                .then().statusCode(403).body("error", equalTo("origin_not_allowed"))
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
        RestAssured.given().header("Origin", "https://shop.example.com")
                .header("Access-Control-Request-Method", "POST")
                .options("/widget/v1/demo-web/messages")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo("https://shop.example.com"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        RestAssured.given().header("Origin", "https://evil.example")
                .get("/widget/v1/demo-web/stream?token=x")
                .then().statusCode(403).body("error", equalTo("origin_not_allowed"));
    }

    @Test
    void eachAddressIsRateLimited() {
        int[] statuses = new int[5];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = RestAssured.given().header("Origin", "http://localhost:3000").contentType("application/json")
                    .body("{}").post("/widget/v1/test-widget-limited/session").statusCode();
        }
        assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
        RestAssured.given().header("Origin", "http://localhost:3000").contentType("application/json").body("{}")
                .post("/widget/v1/test-widget-limited/session")
                .then().statusCode(429).header("Retry-After", notNullValue()).body("error", equalTo("rate_limited"));
    }

    @Test
    void badInputIsA4xxWithTheJsonErrorBody() {
        String token = session(Map.of());
        page().header("Authorization", "Bearer " + token).body("{not json").post("/widget/v1/demo-web/messages")
                .then().statusCode(400).body("error", equalTo("invalid_json"));
        page().header("Authorization", "Bearer " + token).body("{\"clientId\":\"x\",\"text\":\"hi\"}")
                .post("/widget/v1/demo-web/messages").then().statusCode(400).body("error", equalTo("invalid_field"));
        page().body("{\"clientId\":\"client-0001\",\"text\":\"hi\"}").post("/widget/v1/demo-web/messages")
                .then().statusCode(401).body("error", equalTo("missing_visitor_token"));
        page().header("Authorization", "Bearer nope.nope").get("/widget/v1/demo-web/history")
                .then().statusCode(401).body("error", equalTo("invalid_visitor_token"));
        RestAssured.given().get("/widget/v1/demo-web/stream?token=" + token + "&after=abc")
                .then().statusCode(400).body("error", equalTo("invalid_cursor"));
        page().body("{}").post("/widget/v1/no-such-channel/session")
                .then().statusCode(404).body("error", equalTo("unknown_channel"));
        page().body("{}").post("/widget/v1/demo-kakao/session").then().statusCode(404);
    }

    @Test
    void theScriptItsModulesAndTheDemoPageAreServedByTheGateway() {
        RestAssured.given().get("/widget/v1/demo-web/widget.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .body(containsString("assets/app.js"));
        RestAssured.given().get("/widget/v1/assets/app.js").then().statusCode(200)
                .contentType(containsString("javascript")).body(containsString("export function start"));
        RestAssured.given().get("/widget/v1/assets/secrets.js").then().statusCode(404)
                .body("error", equalTo("unknown_asset"));
        RestAssured.given().get("/widget/v1/demo-kakao/widget.js").then().statusCode(404)
                .body("error", equalTo("unknown_channel"));
        RestAssured.given().get("/widget/v1/demo-web/demo").then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("<script src=\"widget.js\" async>"));
        RestAssured.given().get("/widget/v1/test-widget-limited/demo").then().statusCode(404);
    }

    @Test
    void erasingTheCustomerDeletesTheirWidgetMessages() {
        String token = session(Map.of());
        Response sent = send(token, uniqueId("client"), "제 전화번호는 010-1234-5678 입니다");
        sent.then().statusCode(202);
        String customerId = "visitor:" + page().body(EventJson.toJson(Map.of("visitorToken", token)))
                .post("/widget/v1/demo-web/session").path("visitorId");
        kafka().send(Topics.CUSTOMER_ERASURE, CustomerErasureEvent.of(customerId, List.of(), "admin1"));
        await().atMost(PIPELINE).until(() -> history(token).path("entries.size()").equals(0));
    }
}
