package org.supportflow.nlu.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.KafkaTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The real broker: conversation.inbound → nlu-service → conversation.classified, and the dead-letter path. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class KafkaFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Test
    void inboundMessagesAreClassifiedMaskedAndKeyedByConversation() {
        String conversation = "conv-" + UUID.randomUUID();
        InboundMessageEvent inbound = InboundMessageEvent.of(conversation, "demo-web", ChannelType.WEB,
                "m-" + UUID.randomUUID(), new Customer("cust-1", "홍길동", "ko-KR", "VIP"),
                "주문 취소하고 싶어요. 연락처 010-9876-5432, 메일 hong@example.com", Instant.now(), Map.of());
        kafka.send(Topics.CONVERSATION_INBOUND, inbound);

        KafkaTestClient.Received<ClassifiedMessageEvent> received = kafka.await(Topics.CONVERSATION_CLASSIFIED,
                ClassifiedMessageEvent.class, e -> conversation.equals(e.conversationId()), TIMEOUT);
        ClassifiedMessageEvent event = received.value();
        assertThat(received.key()).isEqualTo(conversation);
        assertThat(event.messageId()).isEqualTo(inbound.messageId());
        assertThat(event.customer().id()).isEqualTo("cust-1");
        assertThat(event.customer().isVip()).isTrue();
        assertThat(event.nlu().intent()).isEqualTo("order_cancel");
        assertThat(event.nlu().language()).isEqualTo("ko");
        assertThat(event.nlu().maskedText()).contains("[PHONE]", "[EMAIL]");
        assertThat(event.nlu().modelVersion()).isNotBlank();
        assertThat(event.nlu().answer()).isNotNull();
        String json = EventJson.toJson(event);
        assertThat(json).doesNotContain("010-9876-5432", "hong@example.com", "홍길동");
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndDoesNotBlockThePartition() {
        String conversation = "conv-bad-" + UUID.randomUUID();
        kafka.sendRaw(Topics.CONVERSATION_INBOUND, conversation, "{\"this is\": not an event");
        String dlq = Topics.deadLetterTopic(Topics.CONVERSATION_INBOUND, Topics.Groups.NLU);
        List<ConsumerRecord<String, byte[]>> dead = kafka.readRaw(dlq, r -> conversation.equals(r.key()), 1, TIMEOUT);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.getFirst().headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8)).isNotBlank();

        // The same partition keeps flowing: a good message with the same key is classified afterwards.
        InboundMessageEvent next = InboundMessageEvent.of(conversation, "demo-web", ChannelType.WEB,
                "m-" + UUID.randomUUID(), new Customer("cust-2", "Kim", "en-US", null), "hello there", Instant.now(),
                Map.of());
        kafka.send(Topics.CONVERSATION_INBOUND, next);
        ClassifiedMessageEvent classified = kafka.await(Topics.CONVERSATION_CLASSIFIED, ClassifiedMessageEvent.class,
                e -> next.messageId().equals(e.messageId()), TIMEOUT).value();
        assertThat(classified.nlu().intent()).isEqualTo("greeting");
    }
}
