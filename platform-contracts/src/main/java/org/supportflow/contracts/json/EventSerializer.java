package org.supportflow.contracts.json;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for any platform event (JSON via {@link EventJson}). */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object event) {
        return event == null ? null : EventJson.toBytes(event);
    }
}
