package org.supportflow.analytics.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.analytics.support.Events;
import org.supportflow.analytics.support.Summaries;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.devinfra.testing.KafkaTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routed messages recorded a poll at a time: an event that cannot be recorded, sent between two good ones of
 * the same conversation (one key, one partition, usually one poll), goes alone to the dead-letter topic and
 * the others are recorded; the same records delivered again change no count.
 */
@QuarkusTest
class PollIngestTest {

    private static final String ROUTED_DLQ = Topics.deadLetterTopic(Topics.CONVERSATION_ROUTED,
            Topics.Groups.ANALYTICS);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void aPoisonEventIsIsolatedAndARedeliveredPollCountsNothingTwice() {
        String conversation = "poll-" + Events.id();
        Instant at = Instant.parse("2026-07-01T10:00:00Z");
        RoutedMessageEvent first = Events.bot(conversation, "demo-web", "cust-poll", at, "greeting", 0.9, "안녕하세요");
        RoutedMessageEvent second = Events.bot(conversation, "demo-web", "cust-poll", at.plusSeconds(5),
                "shipping_info", 0.9, "배송비요");
        RoutedMessageEvent poison = new RoutedMessageEvent(null, first.schemaVersion(), first.occurredAt(),
                conversation, first.channelId(), "poison-" + Events.id(), first.channelType(), first.customer(),
                first.receivedAt(), first.nlu(), first.decision());
        List<byte[]> poll = List.of(EventJson.toBytes(first), EventJson.toBytes(poison), EventJson.toBytes(second));
        poll.forEach(value -> kafka.sendRaw(Topics.CONVERSATION_ROUTED, conversation, value));

        List<ConsumerRecord<String, byte[]>> dead = kafka.readRaw(ROUTED_DLQ,
                record -> conversation.equals(record.key()), 1, Duration.ofSeconds(120));
        assertThat(dead).singleElement().satisfies(record ->
                assertThat(EventJson.fromBytes(record.value(), RoutedMessageEvent.class).messageId())
                        .isEqualTo(poison.messageId()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Summaries.fetch(at.minusSeconds(60), at.plusSeconds(60)).messages()).isEqualTo(2));

        // Redelivered (as after a crash before the acknowledgement), then a marker on the same partition.
        poll.forEach(value -> kafka.sendRaw(Topics.CONVERSATION_ROUTED, conversation, value));
        kafka.send(Topics.CONVERSATION_ROUTED, Events.bot(conversation, "demo-web", "cust-poll", at.plusSeconds(10),
                "greeting", 0.9, "고마워요"));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Summaries.fetch(at.minusSeconds(60), at.plusSeconds(60)).messages()).isEqualTo(3));
        assertThat(Summaries.fetch(at.minusSeconds(60), at.plusSeconds(60)).conversations()).isEqualTo(1);
        // the poison record was dead-lettered once per delivery, nothing else went there
        assertThat(kafka.readRaw(ROUTED_DLQ, record -> conversation.equals(record.key()), 3, Duration.ofSeconds(5)))
                .hasSize(2);
    }
}
