package org.supportflow.web.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.supportflow.contracts.json.EventJson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dead-letter record of a record a batch consumer could not apply, for an emitter bound to the channel's
 * dead-letter topic (value serializer {@code ByteArraySerializer}). It carries the same key and the same
 * {@code dead-letter-*} headers as SmallRye's own dead-letter strategy, which batch consumers cannot use (a
 * nacked batch would send every record of the poll there), so both kinds of consumers park records alike:
 * the original bytes as the value (the event re-encoded, or the bytes that could not be read), where it came
 * from and why.
 */
public final class DeadLetters {

    static final String REASON = "dead-letter-reason";
    static final String CAUSE = "dead-letter-cause";
    static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    static final String TOPIC = "dead-letter-topic";
    static final String PARTITION = "dead-letter-partition";
    static final String OFFSET = "dead-letter-offset";
    /** Where SmallRye keeps the bytes of a value its deserializer refused. */
    static final String UNREADABLE_VALUE = "deserialization-failure-data";

    private DeadLetters() {
    }

    /** The dead-letter message for a record of a poll, keyed like the record. */
    public static Message<byte[]> of(KafkaRecord<String, ?> record, Throwable cause) {
        Objects.requireNonNull(cause);
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.getHeaders()) {
            headers.add(header);
        }
        add(headers, REASON, message(cause));
        add(headers, EXCEPTION_CLASS, cause.getClass().getName());
        if (cause.getCause() != null) {
            add(headers, CAUSE, message(cause.getCause()));
        }
        add(headers, TOPIC, record.getTopic());
        add(headers, PARTITION, Integer.toString(record.getPartition()));
        add(headers, OFFSET, offsetOf(record));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey())
                .withHeaders(headers)
                .build();
        return Message.of(valueOf(record)).addMetadata(metadata);
    }

    /**
     * Sends the dead letter of a record; the stage completes when the broker has it (or fails when it refused it),
     * so that a poll is acknowledged only once its poison records are parked.
     */
    public static CompletableFuture<Void> send(Emitter<byte[]> deadLetters, KafkaRecord<String, ?> record,
                                               Throwable cause) {
        CompletableFuture<Void> parked = new CompletableFuture<>();
        deadLetters.send(of(record, cause)
                .withAck(() -> {
                    parked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    parked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return parked;
    }

    /**
     * Sends the dead letter of a record and waits until the broker has it. A record the dead-letter topic did not
     * take fails the caller's poll ({@link IllegalStateException}), which is then redelivered: logging and
     * acknowledging it instead would lose the record.
     */
    public static void park(Emitter<byte[]> deadLetters, KafkaRecord<String, ?> record, Throwable cause,
                            Duration timeout) {
        try {
            send(deadLetters, record, cause).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a record", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the dead-letter topic did not take record " + record.getTopic() + "-"
                    + record.getPartition() + "@" + offsetOf(record), e);
        }
    }

    /** The reason a record without a readable event is refused, for {@link #of}. */
    public static IllegalArgumentException unreadable(KafkaRecord<String, ?> record) {
        return new IllegalArgumentException("unreadable record at " + record.getTopic() + "-" + record.getPartition()
                + "@" + offsetOf(record));
    }

    private static String offsetOf(KafkaRecord<String, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> Long.toString(metadata.getOffset()))
                .orElse("");
    }

    private static byte[] valueOf(KafkaRecord<String, ?> record) {
        Object payload = record.getPayload();
        if (payload != null) {
            return EventJson.toBytes(payload);
        }
        Header unreadable = record.getHeaders().lastHeader(UNREADABLE_VALUE);
        return unreadable == null || unreadable.value() == null ? new byte[0] : unreadable.value();
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String message(Throwable failure) {
        String text = failure.getMessage();
        return text == null ? failure.getClass().getSimpleName() : text;
    }
}
