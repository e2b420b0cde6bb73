package org.supportflow.gateway.delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Author;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.gateway.support.GatewayTestSupport.SECRET;
import static org.supportflow.gateway.support.GatewayTestSupport.accept;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.signedGet;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/** {@code supportflow_reply_latency_seconds}: the bot's answer time per channel, once per reply. */
@QuarkusTest
class ReplyLatencyTest {

    private static final String CHANNEL = "test-latency";

    @Test
    void theBotsReplyIsTimedOnceFromTheCustomersMessage() {
        long before = count();
        String messageId = uniqueId("m");
        String conversationId = accept(CHANNEL, messageId, uniqueId("cust"), "배송 얼마나 걸려요?");
        OutboundMessageEvent answer = OutboundMessageEvent.automaticReply(conversationId, CHANNEL, messageId,
                Author.BOT, OutboundMessageEvent.Kind.ANSWER, "보통 2~3일 걸립니다.", List.of());
        kafka().send(Topics.CONVERSATION_OUTBOUND, answer);
        // a redelivery, a system notice and an agent's reply: none of them is the bot answering
        kafka().send(Topics.CONVERSATION_OUTBOUND, answer);
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(conversationId, CHANNEL, messageId,
                Author.SYSTEM, null, OutboundMessageEvent.Kind.HANDOFF_NOTICE, "상담원을 연결해 드릴게요.", List.of()));
        kafka().send(Topics.CONVERSATION_OUTBOUND, OutboundMessageEvent.of(conversationId, CHANNEL, messageId,
                Author.AGENT, "agent1", OutboundMessageEvent.Kind.AGENT_REPLY, "안녕하세요, 상담원입니다.", List.of()));

        // one partition per conversation: once the agent's reply is stored, the three before it were handled
        String replies = "/api/v1/conversations/" + conversationId + "/replies";
        await().atMost(Duration.ofSeconds(20)).until(() ->
                signedGet(CHANNEL, SECRET, replies).then().extract().<List<?>>path("replies").size() == 3);

        assertThat(count()).isEqualTo(before + 1);
        String metrics = RestAssured.get("/q/metrics").asString();
        assertThat(metrics).contains("supportflow_reply_latency_seconds_bucket{channel=\"" + CHANNEL + "\",le=\"2.5\"}");
    }

    private static long count() {
        Matcher count = Pattern.compile("^supportflow_reply_latency_seconds_count\\{channel=\"" + CHANNEL
                + "\"} (\\S+)$", Pattern.MULTILINE).matcher(RestAssured.get("/q/metrics").asString());
        return count.find() ? (long) Double.parseDouble(count.group(1)) : 0;
    }
}
