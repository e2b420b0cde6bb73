package org.supportflow.web.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLettersTest {

    @Test
    void aReadableRecordIsParkedAsItsJsonWithItsKeyAndWhereItCameFrom() {
        KafkaRecord<String, Map<String, String>> record =
                Fixtures.record(Map.of("eventId", "e-1"), new RecordHeaders());

        Message<byte[]> parked = DeadLetters.of(record, new IllegalStateException("no such ticket",
                new IllegalArgumentException("root")));

        assertThat(new String(parked.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":\"e-1\"}");
        OutgoingKafkaRecordMetadata<?> metadata = parked.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(metadata.getKey()).isEqualTo("conversation-7");
        assertThat(header(metadata, DeadLetters.REASON)).isEqualTo("no such ticket");
        assertThat(header(metadata, DeadLetters.CAUSE)).isEqualTo("root");
        assertThat(header(metadata, DeadLetters.EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(metadata, DeadLetters.TOPIC)).isEqualTo("conversation.routed");
        assertThat(header(metadata, DeadLetters.PARTITION)).isEqualTo("3");
        assertThat(header(metadata, DeadLetters.OFFSET)).isEqualTo("42");
    }

    @Test
    void anUnreadableRecordIsParkedAsTheBytesThatCouldNotBeRead() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.UNREADABLE_VALUE, "{not json".getBytes(StandardCharsets.UTF_8));
        KafkaRecord<String, Object> record = Fixtures.record(null, headers);

        Message<byte[]> parked = DeadLetters.of(record, DeadLetters.unreadable(record));

        assertThat(new String(parked.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        OutgoingKafkaRecordMetadata<?> metadata = parked.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        assertThat(header(metadata, DeadLetters.REASON)).isEqualTo("unreadable record at conversation.routed-3@42");
    }

    @Test
    void aDeadLetterTheTopicRefusesFailsThePollInsteadOfBeingDropped() {
        KafkaRecord<String, Map<String, String>> record =
                Fixtures.record(Map.of("eventId", "e-1"), new RecordHeaders());
        List<Message<byte[]>> sent = new ArrayList<>();
        Emitter<byte[]> refusing = Fixtures.emitter(message -> {
            sent.add(message);
            message.nack(new IllegalStateException("broker down"));
        });
        Emitter<byte[]> taking = Fixtures.emitter(Message::ack);

        assertThatThrownBy(() -> DeadLetters.park(refusing, record, new IllegalStateException("poison"),
                Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("conversation.routed-3@42");
        assertThat(sent).hasSize(1);
        DeadLetters.park(taking, record, new IllegalStateException("poison"), Duration.ofSeconds(5));
    }

    private static String header(OutgoingKafkaRecordMetadata<?> metadata, String name) {
        return new String(metadata.getHeaders().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
