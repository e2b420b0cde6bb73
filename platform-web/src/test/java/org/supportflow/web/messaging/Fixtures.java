package org.supportflow.web.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Kafka records and a dead-letter emitter without a broker, for the messaging helpers' unit tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** An emitter that hands each message to {@code broker} (which acks or nacks it). */
    static Emitter<byte[]> emitter(Consumer<Message<byte[]>> broker) {
        return new Emitter<>() {
            @Override public CompletionStage<Void> send(byte[] payload) {
                throw new UnsupportedOperationException();
            }
            @Override public <M extends Message<? extends byte[]>> void send(M message) {
                @SuppressWarnings("unchecked") Message<byte[]> typed = (Message<byte[]>) message;
                broker.accept(typed);
            }
            @Override public void complete() { }
            @Override public void error(Exception e) { }
            @Override public boolean isCancelled() { return false; }
            @Override public boolean hasRequests() { return true; }
        };
    }

    /** A record of conversation.routed, partition 3, offset 42, key conversation-7. */
    static <T> KafkaRecord<String, T> record(T payload, RecordHeaders headers) {
        return record("conversation-7", 42, payload, headers);
    }

    static <T> KafkaRecord<String, T> record(String key, long offset, T payload, RecordHeaders headers) {
        return new KafkaRecord<>() {
            @Override public String getKey() { return key; }
            @Override public String getTopic() { return "conversation.routed"; }
            @Override public int getPartition() { return 3; }
            @Override public Instant getTimestamp() { return Instant.EPOCH; }
            @Override public Headers getHeaders() { return headers; }
            @Override public T getPayload() { return payload; }
            @Override public Metadata getMetadata() {
                return Metadata.of(new IncomingKafkaRecordMetadata<>(
                        new ConsumerRecord<>("conversation.routed", 3, offset, key, payload), "routed"));
            }
        };
    }
}
