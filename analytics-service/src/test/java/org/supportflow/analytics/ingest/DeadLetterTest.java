package org.supportflow.analytics.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.supportflow.analytics.support.Events;
import org.supportflow.analytics.support.Summaries;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.devinfra.testing.KafkaTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record that is not an event, and an event analytics cannot count, land on the consumer's dead-letter
 * topic; the partition is not blocked: the next record on the same key is processed.
 */
@QuarkusTest
class DeadLetterTest {

    private static final String ROUTED_DLQ = Topics.deadLetterTopic(Topics.CONVERSATION_ROUTED,
            Topics.Groups.ANALYTICS);
    private static final String TICKETS_DLQ = Topics.deadLetterTopic(Topics.TICKET_EVENTS, Topics.Groups.ANALYTICS);

    @RegisterExtension
    static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void malformedRecordGoesToTheDeadLetterTopicWithItsBytes() {
        String conversation = "dlq-" + Events.id();
        byte[] malformed = ("{\"eventId\": \"" + conversation + "\", not json").getBytes(StandardCharsets.UTF_8);
        kafka.sendRaw(Topics.CONVERSATION_ROUTED, conversation, malformed);
        Instant at = Instant.parse("2026-06-01T10:00:00Z");
        kafka.send(Topics.CONVERSATION_ROUTED, Events.bot(conversation, "demo-web", "cust-dlq", at, "greeting", 0.9,
                "안녕하세요"));

        List<ConsumerRecord<String, byte[]>> dead = kafka.readRaw(ROUTED_DLQ,
                record -> conversation.equals(record.key()), 1, Duration.ofSeconds(120));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(malformed);
            assertThat(header(record, "dead-letter-topic")).isEqualTo(Topics.CONVERSATION_ROUTED);
        });

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Summaries.fetch(at.minusSeconds(60), at.plusSeconds(60)).messages()).isEqualTo(1));
    }

    @Test
    void anEventThatCannotBeCountedGoesToTheDeadLetterTopicAsJson() {
        String conversation = "dlq-invalid-" + Events.id();
        RoutedMessageEvent valid = Events.bot(conversation, "demo-web", "cust-dlq",
                Instant.parse("2026-06-02T10:00:00Z"), "greeting", 0.9, "hi");
        RoutedMessageEvent withoutId = new RoutedMessageEvent(null, valid.schemaVersion(), valid.occurredAt(),
                conversation, valid.channelId(), valid.messageId(), valid.channelType(), valid.customer(),
                valid.receivedAt(), valid.nlu(), valid.decision());
        kafka.sendRaw(Topics.CONVERSATION_ROUTED, conversation, EventJson.toBytes(withoutId));

        List<ConsumerRecord<String, byte[]>> dead = kafka.readRaw(ROUTED_DLQ,
                record -> conversation.equals(record.key()), 1, Duration.ofSeconds(120));
        assertThat(dead).singleElement().satisfies(record -> {
            RoutedMessageEvent event = EventJson.fromBytes(record.value(), RoutedMessageEvent.class);
            assertThat(event.conversationId()).isEqualTo(conversation);
            assertThat(event.eventId()).isNull();
            assertThat(header(record, "dead-letter-reason")).contains("eventId");
        });
    }

    @Test
    void aTicketEventOfTheWrongShapeGoesToTheTicketDeadLetterTopic() {
        String conversation = "dlq-ticket-" + Events.id();
        // a ticket event without ticketId cannot be built: deserialisation fails
        byte[] record = ("{\"eventId\":\"" + Events.id() + "\",\"schemaVersion\":1,\"conversationId\":\""
                + conversation + "\",\"type\":\"CREATED\"}").getBytes(StandardCharsets.UTF_8);
        kafka.sendRaw(Topics.TICKET_EVENTS, conversation, record);

        List<ConsumerRecord<String, byte[]>> dead = kafka.readRaw(TICKETS_DLQ,
                candidate -> conversation.equals(candidate.key()), 1, Duration.ofSeconds(120));
        assertThat(dead).singleElement().satisfies(found -> assertThat(Arrays.equals(found.value(), record)).isTrue());
    }

    @Test
    @TestSecurity(user = "supervisor1", roles = "supervisor")
    void aRecordWithoutValueIsSkippedNotDeadLettered() {
        String conversation = "dlq-tombstone-" + Events.id();
        kafka.sendRaw(Topics.CONVERSATION_ROUTED, conversation, (byte[]) null);
        Instant at = Instant.parse("2026-06-03T10:00:00Z");
        kafka.send(Topics.CONVERSATION_ROUTED, Events.bot(conversation, "demo-web", "cust-dlq", at, "greeting", 0.9,
                "안녕하세요"));

        // same key, same partition: once the event behind it is counted, the empty record was handled
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Summaries.fetch(at.minusSeconds(60), at.plusSeconds(60)).messages()).isEqualTo(1));
        assertThat(kafka.readRaw(ROUTED_DLQ, record -> conversation.equals(record.key()), 1, Duration.ofSeconds(3)))
                .isEmpty();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
