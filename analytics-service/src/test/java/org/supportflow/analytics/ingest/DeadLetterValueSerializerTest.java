package org.supportflow.analytics.ingest;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.json.EventJson;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterValueSerializerTest {

    private final DeadLetterValueSerializer serializer = new DeadLetterValueSerializer();

    @Test
    void unreadableRecordKeepsItsOriginalBytes() {
        byte[] original = "{not json".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterValueSerializer.FAILED_VALUE_HEADER, original);
        headers.add(DeadLetterValueSerializer.FAILED_DATA_HEADER, original);

        assertThat(serializer.serialize("dlq", headers, null)).isEqualTo(original);
        assertThat(headers.lastHeader(DeadLetterValueSerializer.FAILED_VALUE_HEADER)).isNull();
        assertThat(headers.lastHeader(DeadLetterValueSerializer.FAILED_DATA_HEADER)).isNull();
    }

    @Test
    void failedEventIsWrittenAsJson() {
        CustomerErasureEvent event = CustomerErasureEvent.of("cust-1", List.of("conv-1"), "admin1");
        byte[] json = serializer.serialize("dlq", new RecordHeaders(), event);
        assertThat(EventJson.fromBytes(json, CustomerErasureEvent.class)).isEqualTo(event);
    }

    @Test
    void bytesPassThroughAndNothingStaysNothing() {
        byte[] raw = {1, 2, 3};
        assertThat(serializer.serialize("dlq", new RecordHeaders(), raw)).isEqualTo(raw);
        assertThat(serializer.serialize("dlq", new RecordHeaders(), null)).isNull();
        assertThat(serializer.serialize("dlq", null)).isNull();
    }
}
