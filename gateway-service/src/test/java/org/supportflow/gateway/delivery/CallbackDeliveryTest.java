package org.supportflow.gateway.delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.gateway.support.CallbackServerResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supportflow.gateway.support.GatewayTestSupport.kafka;
import static org.supportflow.gateway.support.GatewayTestSupport.uniqueId;

/** Replies pushed to a channel's callback, signed; failures retried, then dead-lettered. */
@QuarkusTest
class CallbackDeliveryTest {

    private static final String DLQ = Topics.deadLetterTopic(Topics.CONVERSATION_OUTBOUND, Topics.Groups.GATEWAY);

    @Test
    void aReplyIsPostedSignedToTheChannelsCallback() {
        String conversationId = uniqueId("conv");
        String inReplyTo = uniqueId("m");
        OutboundMessageEvent reply = OutboundMessageEvent.of(conversationId, "test-callback", inReplyTo, Author.BOT,
                null, OutboundMessageEvent.Kind.ANSWER, "배송은 2~3일 걸립니다.", List.of("배송 조회"));
        kafka().send(Topics.CONVERSATION_OUTBOUND, reply);

        Map<String, Object> delivered = await().atMost(Duration.ofSeconds(20)).until(
                () -> received("ok").stream().filter(r -> ((String) r.get("body")).contains(reply.messageId())).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(delivered.get("verification")).isEqualTo("VALID");
        assertThat(delivered.get("channelId")).isEqualTo("test-callback");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = EventJson.fromJson((String) delivered.get("body"), Map.class);
        assertThat(body).containsEntry("conversationId", conversationId)
                .containsEntry("inReplyTo", inReplyTo)
                .containsEntry("from", "bot")
                .containsEntry("text", "배송은 2~3일 걸립니다.")
                .containsEntry("quickReplies", List.of("배송 조회"))
                .containsKey("sentAt")
                .containsKey("cursor");
    }

    @Test
    void aReplyDeliveredAgainByKafkaIsPostedOnce() {
        String conversationId = uniqueId("conv");
        OutboundMessageEvent reply = OutboundMessageEvent.automaticReply(conversationId, "test-callback",
                uniqueId("m"), Author.BOT, OutboundMessageEvent.Kind.ANSWER, "교환은 7일 이내 가능합니다.", List.of());
        OutboundMessageEvent later = OutboundMessageEvent.automaticReply(conversationId, "test-callback",
                uniqueId("m"), Author.BOT, OutboundMessageEvent.Kind.ANSWER, "the next answer", List.of());
        kafka().send(Topics.CONVERSATION_OUTBOUND, reply);
        await().atMost(Duration.ofSeconds(20)).until(() -> postsOf(reply) == 1);
        // a redelivery (same event), then a later reply of the same conversation: same partition, in order, so
        // once the later one has arrived the redelivery has been handled
        kafka().send(Topics.CONVERSATION_OUTBOUND, reply);
        kafka().send(Topics.CONVERSATION_OUTBOUND, later);
        await().atMost(Duration.ofSeconds(20)).until(() -> postsOf(later) == 1);

        assertThat(postsOf(reply)).isEqualTo(1);
    }

    private static long postsOf(OutboundMessageEvent reply) {
        return received("ok").stream().filter(r -> ((String) r.get("body")).contains(reply.messageId())).count();
    }

    @Test
    void aFailingCallbackIsRetriedThenTheReplyGoesToTheDeadLetterTopic() {
        OutboundMessageEvent reply = OutboundMessageEvent.of(uniqueId("conv"), "test-failing", uniqueId("m"),
                Author.BOT, null, OutboundMessageEvent.Kind.ANSWER, "will not arrive", List.of());
        kafka().send(Topics.CONVERSATION_OUTBOUND, reply);

        List<ConsumerRecord<String, byte[]>> dead = kafka().readRaw(DLQ,
                record -> record.value() != null
                        && new String(record.value(), StandardCharsets.UTF_8).contains(reply.messageId()),
                1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().key()).isEqualTo(reply.conversationId());
        OutboundMessageEvent deadReply = EventJson.fromBytes(dead.getFirst().value(), OutboundMessageEvent.class);
        assertThat(deadReply.messageId()).isEqualTo(reply.messageId());
        // three attempts (gateway.delivery.max-attempts in %test), each one signed
        List<Map<String, Object>> attempts = received("fail").stream()
                .filter(r -> ((String) r.get("body")).contains(reply.messageId())).toList();
        assertThat(attempts).hasSize(3).allSatisfy(a -> assertThat(a.get("verification")).isEqualTo("VALID"));
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterTopicAsIs() {
        String marker = uniqueId("garbage");
        kafka().sendRaw(Topics.CONVERSATION_OUTBOUND, "conv-x", "{not json " + marker);
        List<ConsumerRecord<String, byte[]>> dead = kafka().readRaw(DLQ,
                record -> record.value() != null && new String(record.value(), StandardCharsets.UTF_8).contains(marker),
                1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo("{not json " + marker);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> received(String path) {
        String base = ConfigProvider.getConfig().getValue(CallbackServerResource.BASE_URL_PROPERTY, String.class);
        return RestAssured.get(base + "/_received/" + path).then().statusCode(200).extract().as(List.class);
    }
}
