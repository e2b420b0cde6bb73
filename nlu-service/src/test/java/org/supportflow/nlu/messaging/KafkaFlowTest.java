package org.supportflow.nlu.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jakarta.inject.Inject;
import org.supportflow.contracts.events.ClassifiedMessageEvent;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluFeedbackEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.privacy.Erased;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.devinfra.testing.KafkaTestClient;
import org.supportflow.devinfra.testing.KafkaTestResource;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.config.NluConfig;
import org.supportflow.nlu.learning.FeedbackStore;
import org.supportflow.nlu.learning.ModelLifecycle;
import org.supportflow.nlu.learning.ModelManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real broker: conversation.inbound → nlu-service → conversation.classified, the dead-letter path, and
 * nlu.feedback → feedback store ← customer.erasure.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class KafkaFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Inject
    ModelLifecycle lifecycle;

    @Inject
    NluConfig config;

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

    @Test
    void anErasureRequestErasesTheCorrectionsOfTheCustomersConversations() throws IOException {
        String erasedConversation = "conv-erase-" + UUID.randomUUID();
        String keptConversation = "conv-keep-" + UUID.randomUUID();
        kafka.send(Topics.NLU_FEEDBACK, feedback(erasedConversation, "my daughter Jiwoo at Seoul Grammar School"));
        kafka.send(Topics.NLU_FEEDBACK, feedback(keptConversation, "where is my parcel"));
        await().atMost(TIMEOUT).until(() -> correctionsOf(erasedConversation).size() == 1
                && correctionsOf(keptConversation).size() == 1);
        // A retraining learns the correction's words (stored, whether held-out accuracy lets it become active or not).
        String learnt = lifecycle.manager().retrain("test: learn the corrections").candidateVersion();
        assertThat(vocabularyOf(learnt)).as("the customer's words in the model").contains("jiwoo");

        kafka.send(Topics.CUSTOMER_ERASURE, CustomerErasureEvent.of("cust-jiwoo", List.of(erasedConversation), "test"));

        await().atMost(TIMEOUT).until(() -> correctionsOf(erasedConversation).getFirst().erased());
        assertThat(correctionsOf(erasedConversation).getFirst().maskedText()).isEqualTo(Erased.MARKER);
        assertThat(correctionsOf(keptConversation).getFirst().maskedText()).isEqualTo("where is my parcel");
        assertThat(lifecycle.feedback().examples()).noneMatch(e -> e.text().contains("Jiwoo"));
        // ... and in no model any more: the one that learnt them is deleted, the active one never holds them.
        await().atMost(Duration.ofMinutes(3)).until(() -> lifecycle.manager().versions().stream()
                .noneMatch(info -> info.version().equals(learnt)));
        ModelManager models = lifecycle.manager();
        assertThat(models.versions()).noneMatch(models::holdsErasedWords);
        for (IntentModel.ModelInfo info : models.versions()) {
            assertThat(vocabularyOf(info.version())).as("vocabulary of " + info.version()).doesNotContain("jiwoo");
        }
    }

    private String vocabularyOf(String version) throws IOException {
        return Files.readString(Path.of(config.modelDir()).toAbsolutePath().normalize().resolve("models")
                .resolve(version).resolve("vocabulary.tsv"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    private static NluFeedbackEvent feedback(String conversationId, String maskedText) {
        return new NluFeedbackEvent(PlatformEvent.newEventId(), NluFeedbackEvent.SCHEMA_VERSION, Instant.now(),
                conversationId, "demo-web", "m-" + UUID.randomUUID(), "t-1", "en", maskedText, "other",
                "order_status", "agent1");
    }

    private List<FeedbackStore.Correction> correctionsOf(String conversationId) {
        return lifecycle.feedback().corrections().stream().filter(c -> conversationId.equals(c.conversationId()))
                .toList();
    }
}
