package org.supportflow.gateway.replies;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.signing.ChannelSignature;
import org.supportflow.contracts.taxonomy.Author;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.supportflow.gateway.support.GatewayTestSupport.SECRET;
import static org.supportflow.gateway.support.GatewayTestSupport.accept;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.signedGet;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/** {@code GET /api/v1/conversations/{id}/replies?after=} for polling channels. */
@QuarkusTest
class RepliesResourceTest {

    @Test
    void pagesThroughRepliesInOrderWithACursor() {
        String messageId = uniqueId("m");
        String conversationId = accept("demo-web", messageId, uniqueId("cust"), "반품하고 싶어요");
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(conversationId, "demo-web", messageId,
                Author.BOT, null, OutboundMessageEvent.Kind.ANSWER, "반품 절차를 안내해 드릴게요.", List.of("반품 신청")));
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(conversationId, "demo-web", messageId,
                Author.SYSTEM, null, OutboundMessageEvent.Kind.HANDOFF_NOTICE, "상담원을 연결해 드릴게요.", List.of()));
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(conversationId, "demo-web", null,
                Author.AGENT, "agent1", OutboundMessageEvent.Kind.AGENT_REPLY, "안녕하세요, 상담원입니다.", List.of()));

        String base = "/api/v1/conversations/" + conversationId + "/replies";
        await().atMost(Duration.ofSeconds(20)).until(() ->
                signedGet("demo-web", SECRET, base).then().extract().<List<?>>path("replies").size() == 3);

        Response all = signedGet("demo-web", SECRET, base);
        all.then().statusCode(200)
                .body("replies[0].text", equalTo("반품 절차를 안내해 드릴게요."))
                .body("replies[0].quickReplies", equalTo(List.of("반품 신청")))
                .body("replies[0].from", equalTo("bot"))
                .body("replies[1].from", equalTo("system"))
                .body("replies[2].from", equalTo("agent"))
                .body("replies[2].text", equalTo("안녕하세요, 상담원입니다."));
        assertThat(Instant.parse(all.path("replies[0].sentAt"))).isBeforeOrEqualTo(Instant.now());
        String next = all.path("next");

        signedGet("demo-web", SECRET, base + "?after=" + next).then().statusCode(200)
                .body("replies.size()", equalTo(0))
                .body("next", equalTo(next));

        Response firstPage = signedGet("demo-web", SECRET, base + "?limit=1");
        firstPage.then().statusCode(200).body("replies.size()", equalTo(1));
        String afterFirst = firstPage.path("next");
        signedGet("demo-web", SECRET, base + "?after=" + afterFirst + "&limit=10").then().statusCode(200)
                .body("replies.size()", equalTo(2))
                .body("replies[0].from", equalTo("system"))
                .body("next", equalTo(next));
    }

    @Test
    void anotherChannelsConversationIs404() {
        String conversationId = accept("demo-web", uniqueId("m"), uniqueId("cust"), "hi");
        signedGet("demo-kakao", SECRET, "/api/v1/conversations/" + conversationId + "/replies")
                .then().statusCode(404).body("error", equalTo("unknown_conversation"));
        signedGet("demo-web", SECRET, "/api/v1/conversations/conv-does-not-exist/replies")
                .then().statusCode(404).body("error", equalTo("unknown_conversation"));
    }

    @Test
    void theSignatureCoversPathAndQuery() {
        String conversationId = accept("demo-web", uniqueId("m"), uniqueId("cust"), "hi");
        String base = "/api/v1/conversations/" + conversationId + "/replies";
        long timestamp = Instant.now().getEpochSecond();
        // signed for after=0 but sent with after=5
        RestAssured.given().urlEncodingEnabled(false)
                .header(ChannelSignature.CHANNEL_HEADER, "demo-web")
                .header(ChannelSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(ChannelSignature.SIGNATURE_HEADER, ChannelSignature.sign(SECRET, timestamp, base + "?after=0"))
                .get(base + "?after=5")
                .then().statusCode(401).body("error", equalTo("invalid_signature"));
        signedGet("demo-web", "wrong-secret", base).then().statusCode(401).body("error", equalTo("invalid_signature"));
        RestAssured.given().header(ChannelSignature.CHANNEL_HEADER, "demo-web").get(base)
                .then().statusCode(401).body("error", equalTo("missing_signature"));
        RestAssured.given().get(base).then().statusCode(401).body("error", equalTo("missing_channel"));
        signedGet("no-such-channel", SECRET, base).then().statusCode(401).body("error", equalTo("unknown_channel"));
    }

    @Test
    void anInvalidCursorIs400() {
        String conversationId = accept("demo-web", uniqueId("m"), uniqueId("cust"), "hi");
        String base = "/api/v1/conversations/" + conversationId + "/replies";
        signedGet("demo-web", SECRET, base + "?after=abc").then().statusCode(400).body("error", equalTo("invalid_cursor"));
        // a NUL in the id (which PostgreSQL refuses) is simply no conversation, not a 500
        signedGet("demo-web", SECRET, "/api/v1/conversations/conv%00x/replies")
                .then().statusCode(404).body("error", equalTo("unknown_conversation"));
        signedGet("demo-web", SECRET, base + "?limit=0").then().statusCode(400).body("error", equalTo("invalid_limit"));
    }
}
