package org.supportflow.analytics.ingest;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.supportflow.contracts.json.EventJson;

/**
 * Value serializer of the dead-letter topics. A record that failed processing is written back as the
 * event's JSON; a record that could not even be deserialised reaches the dead-letter queue without a
 * value, so its original bytes (kept by SmallRye in the {@code deserialization-failure-value-data}
 * header) are written as the value: the dead letter holds exactly what was received, ready for replay.
 */
public class DeadLetterValueSerializer implements Serializer<Object> {

    /** SmallRye's header with the bytes of a value that failed deserialisation. */
    static final String FAILED_VALUE_HEADER = "deserialization-failure-value-data";
    /** Older name of the same header, still written by SmallRye. */
    static final String FAILED_DATA_HEADER = "deserialization-failure-data";

    @Override
    public byte[] serialize(String topic, Object value) {
        return serialize(topic, null, value);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value != null) {
            return EventJson.toBytes(value);
        }
        if (headers == null) {
            return null;
        }
        Header original = headers.lastHeader(FAILED_VALUE_HEADER);
        if (original == null) {
            original = headers.lastHeader(FAILED_DATA_HEADER);
        }
        if (original == null) {
            return null;
        }
        byte[] bytes = original.value();
        try {
            // The value now carries the bytes; do not ship them twice.
            headers.remove(FAILED_VALUE_HEADER);
            headers.remove(FAILED_DATA_HEADER);
        } catch (IllegalStateException readOnly) {
            // headers already sealed by the producer: keeping the copy is harmless
        }
        return bytes;
    }
}
