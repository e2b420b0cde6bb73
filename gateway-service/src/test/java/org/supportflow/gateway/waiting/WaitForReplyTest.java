package org.supportflow.gateway.waiting;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Author;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.supportflow.gateway.support.GatewayTestSupport.accept;
import static org.supportflow.gateway.support.GatewayTestSupport.awaitReady;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.messageJson;
import static org.supportflow.gateway.support.GatewayTestSupport.signedPost;
import static org.supportflow.gateway.support.GatewayTestSupport.signedGet;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;
import static org.supportflow.gateway.support.GatewayTestSupport.SECRET;

/** {@code ?waitMs=}: the bot's reply in the HTTP answer when it comes in time, else the plain 202. */
@QuarkusTest
class WaitForReplyTest {

    private static final String PATH = "/api/v1/channels/{channel}/messages";

    @BeforeEach
    void ready() {
        awaitReady();
    }

    @Test
    void answers200WithTheReplyPublishedWhileTheRequestWaits() throws Exception {
        String messageId = uniqueId("m");
        String body = messageJson(messageId, uniqueId("cust"), "배송 조회하고 싶어요");

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() ->
                signedPost(body).queryParam("waitMs", "4500").post(PATH, "demo-kakao"));

        // the inbound event is published after the request registered its wait
        InboundMessageEvent inbound = kafka().await(Topics.CONVERSATION_INBOUND, InboundMessageEvent.class,
                event -> messageId.equals(event.messageId()), Duration.ofSeconds(20)).value();
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(inbound.conversationId(), "demo-kakao",
                messageId, Author.BOT, null, OutboundMessageEvent.Kind.ANSWER, "주문하신 상품은 배송 중입니다.",
                List.of("배송 조회", "상담원 연결")));

        Response response = waiting.get(30, TimeUnit.SECONDS);
        response.then().statusCode(200)
                .body("conversationId", equalTo(inbound.conversationId()))
                .body("status", equalTo("accepted"))
                .body("replies[0].text", equalTo("주문하신 상품은 배송 중입니다."))
                .body("replies[0].quickReplies", equalTo(List.of("배송 조회", "상담원 연결")));
    }

    @Test
    void everyReplicaListensForWakeUpsInItsOwnGroup() {
        String group = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.reply-wakeups.group.id", String.class);
        String deliveryGroup = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.outbound.group.id", String.class);
        assertThat(deliveryGroup).isEqualTo(Topics.Groups.GATEWAY);
        assertThat(group).startsWith("gateway-waiters-").hasSizeGreaterThan("gateway-waiters-".length() + 8);
    }

    @Test
    void answers202WhenNoReplyComesInTime() {
        String messageId = uniqueId("m");
        signedPost(messageJson(messageId, uniqueId("cust"), "hello")).queryParam("waitMs", "300").post(PATH, "demo-kakao")
                .then().statusCode(202)
                .body("messageId", equalTo(messageId))
                .body("status", equalTo("accepted"));
    }

    @Test
    void aReplyToAnotherMessageDoesNotWakeTheRequest() throws Exception {
        String messageId = uniqueId("m");
        String body = messageJson(messageId, uniqueId("cust"), "hello");
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() ->
                signedPost(body).queryParam("waitMs", "2500").post(PATH, "demo-kakao"));
        InboundMessageEvent inbound = kafka().await(Topics.CONVERSATION_INBOUND, InboundMessageEvent.class,
                event -> messageId.equals(event.messageId()), Duration.ofSeconds(20)).value();
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(inbound.conversationId(), "demo-kakao",
                "some-other-message", Author.BOT, null, OutboundMessageEvent.Kind.ANSWER, "not for you", List.of()));

        waiting.get(30, TimeUnit.SECONDS).then().statusCode(202).body("status", equalTo("accepted"));
    }

    @Test
    void aRetriedRequestGetsTheReplyThatIsAlreadyStored() {
        String messageId = uniqueId("m");
        String customerId = uniqueId("cust");
        String conversationId = accept("demo-kakao", messageId, customerId, "환불 문의");
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(conversationId, "demo-kakao", messageId,
                Author.BOT, null, OutboundMessageEvent.Kind.ANSWER, "환불은 3~5 영업일 걸립니다.", List.of("더 보기")));
        String target = "/api/v1/conversations/" + conversationId + "/replies";
        await().atMost(Duration.ofSeconds(20)).until(() ->
                signedGet("demo-kakao", SECRET, target).then().extract().<List<?>>path("replies").size() == 1);

        signedPost(messageJson(messageId, customerId, "환불 문의")).queryParam("waitMs", "1000").post(PATH, "demo-kakao")
                .then().statusCode(200)
                .body("conversationId", equalTo(conversationId))
                .body("status", equalTo("duplicate"))
                .body("replies[0].text", equalTo("환불은 3~5 영업일 걸립니다."));
        assertThat(conversationId).startsWith("conv-");
    }
}
