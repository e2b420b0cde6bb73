package org.supportflow.web.messaging;

import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollConsumerTest {

    private final List<Message<byte[]>> parked = new ArrayList<>();
    private final List<String> counted = new ArrayList<>();
    private final List<List<String>> units = new ArrayList<>();
    private final List<String> applied = new ArrayList<>();

    @Test
    void eventsTakeEffectUnreadableAndPoisonRecordsAreParkedAndATombstoneIsSkipped() {
        PollConsumer<String> polls = consumer(Fixtures.emitter(message -> {
            parked.add(message);
            message.ack();
        }));
        List<KafkaRecord<String, String>> poll = List.of(
                Fixtures.record("c-1", 10, "e-1", new RecordHeaders()),
                Fixtures.record("c-2", 11, null, new RecordHeaders()), // a tombstone: no event, no failure
                Fixtures.record("c-3", 12, null, unreadableHeaders()),
                Fixtures.record("c-4", 13, "poison", new RecordHeaders()),
                Fixtures.record("c-5", 14, "e-5", new RecordHeaders()));

        polls.apply(polls.readable(poll), records -> applyUnit(records.stream().map(KafkaRecord::getPayload).toList()));

        assertThat(units).as("the whole poll first, then one by one")
                .containsExactly(List.of("e-1", "poison", "e-5"), List.of("e-1"), List.of("poison"), List.of("e-5"));
        assertThat(applied).containsExactly("e-1", "e-5");
        assertThat(parked).extracting(PollConsumerTest::key).containsExactly("c-3", "c-4");
        assertThat(new String(parked.get(0).getPayload(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(counted).containsExactly("c-3", "c-4");
    }

    @Test
    void aDeadLetterTheBrokerRefusesFailsThePoll() {
        PollConsumer<String> polls = consumer(Fixtures.emitter(message -> {
            parked.add(message);
            message.nack(new IllegalStateException("broker down"));
        }));
        List<KafkaRecord<String, String>> poll = List.of(Fixtures.record("c-4", 13, "poison", new RecordHeaders()));

        assertThatThrownBy(() -> polls.apply(polls.readable(poll),
                records -> applyUnit(records.stream().map(KafkaRecord::getPayload).toList())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not take");
        assertThat(parked).hasSize(1);
        assertThat(counted).as("only what the broker took is counted").isEmpty();
    }

    private PollConsumer<String> consumer(Emitter<byte[]> deadLetters) {
        BatchConsumption<KafkaRecord<String, String>> noWaiting = new BatchConsumption<>("test events",
                Duration.ZERO, Duration.ZERO, failure -> false, duration -> { });
        return new PollConsumer<>(noWaiting, deadLetters, (record, cause) -> counted.add(record.getKey()));
    }

    /** A unit of work that refuses the event "poison" (and with it any unit that holds it). */
    private void applyUnit(List<String> events) {
        units.add(events);
        if (events.contains("poison")) {
            throw new IllegalArgumentException("cannot apply poison");
        }
        applied.addAll(events);
    }

    private static RecordHeaders unreadableHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON,
                "bad json".getBytes(StandardCharsets.UTF_8));
        headers.add("deserialization-failure-data", "{not json".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static String key(Message<byte[]> message) {
        Metadata metadata = message.getMetadata();
        return (String) metadata.get(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey();
    }
}
