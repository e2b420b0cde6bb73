package org.supportflow.web.messaging;

import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import org.supportflow.web.LogSafe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A batch listener's poll, from the records to the moment its offsets may be committed, the same in every
 * service: a value the deserializer refused goes to the dead-letter topic, a tombstone (no value, no failure) is
 * no event and is skipped, the events are applied as units of work by {@link BatchConsumption} (a poison record
 * goes to the dead-letter topic, the rest still take effect), and every dead letter is on the broker before the
 * call returns. A dead letter the broker does not take fails the poll, which is then consumed again: never a
 * record acknowledged without effect or dead letter.
 *
 * @param <E> the event type of the channel
 */
public final class PollConsumer<E> {

    private static final Logger LOG = Logger.getLogger(PollConsumer.class);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(30);

    private final BatchConsumption<KafkaRecord<String, E>> consumption;
    private final Emitter<byte[]> deadLetters;
    private final BiConsumer<KafkaRecord<String, E>, Throwable> onDeadLetter;

    /**
     * @param what         the records' name for log lines (e.g. "routed events")
     * @param deadLetters  an emitter bound to the channel's dead-letter topic (value serializer for bytes)
     * @param onDeadLetter called for each record parked, e.g. to count it (after it is on the broker)
     */
    public PollConsumer(String what, Emitter<byte[]> deadLetters,
                        BiConsumer<KafkaRecord<String, E>, Throwable> onDeadLetter) {
        this(BatchConsumption.withDefaults(what), deadLetters, onDeadLetter);
    }

    public PollConsumer(String what, Emitter<byte[]> deadLetters) {
        this(what, deadLetters, (record, cause) -> { });
    }

    PollConsumer(BatchConsumption<KafkaRecord<String, E>> consumption, Emitter<byte[]> deadLetters,
                 BiConsumer<KafkaRecord<String, E>, Throwable> onDeadLetter) {
        this.consumption = Objects.requireNonNull(consumption);
        this.deadLetters = Objects.requireNonNull(deadLetters);
        this.onDeadLetter = Objects.requireNonNull(onDeadLetter);
    }

    /**
     * Applies a poll's events: {@code unit} gets them in poll order, all of them in one call (one transaction)
     * unless that fails for good, then one at a time. Returns once each took effect or is parked.
     */
    public void consume(KafkaRecordBatch<String, E> batch, Consumer<List<E>> unit) {
        apply(readable(batch), records -> unit.accept(records.stream().map(KafkaRecord::getPayload).toList()));
    }

    /** The poll's records that carry an event, in order; those whose value could not be read are parked. */
    public List<KafkaRecord<String, E>> readable(KafkaRecordBatch<String, E> batch) {
        return readable(batch.getRecords());
    }

    List<KafkaRecord<String, E>> readable(List<KafkaRecord<String, E>> records) {
        List<KafkaRecord<String, E>> readable = new ArrayList<>(records.size());
        for (KafkaRecord<String, E> record : records) {
            if (record.getPayload() != null) {
                readable.add(record);
            } else if (record.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON)
                    != null) {
                park(record, DeadLetters.unreadable(record));
            }
        }
        return readable;
    }

    /** Applies records as units of work (see {@link BatchConsumption}); a poison record is parked. */
    public void apply(List<KafkaRecord<String, E>> records, Consumer<List<KafkaRecord<String, E>>> unit) {
        consumption.process(records, unit::accept, this::park);
    }

    /** Sends a record the listener refused to the dead-letter topic and waits until the broker has it. */
    public void park(KafkaRecord<String, E> record, Throwable cause) {
        LOG.warnf("record %s-%d of key %s goes to the dead-letter topic: %s", record.getTopic(), record.getPartition(),
                LogSafe.id(record.getKey()), cause.toString());
        DeadLetters.park(deadLetters, record, cause, DEAD_LETTER_TIMEOUT);
        onDeadLetter.accept(record, cause);
    }
}
