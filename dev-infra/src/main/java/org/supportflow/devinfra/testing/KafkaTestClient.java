package org.supportflow.devinfra.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.json.EventJson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Plain Kafka clients for tests: publish events the way services do (JSON, keyed by {@link PlatformEvent#key()})
 * and wait for records on a topic. Reads from the beginning of the topic, so a test filters by its own ids.
 *
 * <p>A test class holds one as a JUnit extension, which closes it after the class:
 * {@code @RegisterExtension static final KafkaTestClient kafka = KafkaTestClient.forTestBroker();}. It
 * connects on first use, so it can be created before the test resources have started the broker.
 */
public final class KafkaTestClient implements AutoCloseable, AfterAllCallback {

    private final Supplier<String> bootstrapServers;
    private KafkaProducer<String, byte[]> producer; // on first send; guarded by this

    public KafkaTestClient(String bootstrapServers) {
        this(() -> bootstrapServers);
    }

    private KafkaTestClient(Supplier<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A client on this JVM's test broker ({@link KafkaTestResource}), looked up when first used. */
    public static KafkaTestClient forTestBroker() {
        return new KafkaTestClient(KafkaTestResource::bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers.get();
    }

    /** Publishes an event keyed by its {@link PlatformEvent#key()} and waits for the broker's ack. */
    public void send(String topic, PlatformEvent event) {
        sendRaw(topic, event.key(), EventJson.toBytes(event));
    }

    /** Publishes arbitrary bytes, e.g. a malformed record that must end up on a dead-letter topic. */
    public void sendRaw(String topic, String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        }
    }

    public void sendRaw(String topic, String key, String value) {
        sendRaw(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits until a record on {@code topic} decodes to a {@code type} matching {@code match}.
     *
     * @throws AssertionError when none arrives within {@code timeout}
     */
    public <T> Received<T> await(String topic, Class<T> type, Predicate<T> match, Duration timeout) {
        List<Received<T>> found = collect(topic, type, match, 1, timeout);
        if (found.isEmpty()) {
            throw new AssertionError("no matching " + type.getSimpleName() + " on " + topic + " within " + timeout);
        }
        return found.getFirst();
    }

    /**
     * Reads {@code topic} from the beginning for {@code window} (or until {@code limit} matches) and returns
     * every record that decodes to a {@code type} matching {@code match}; records of other shapes are skipped.
     * Use it to assert that something did NOT happen, with a window long enough for the pipeline.
     */
    public <T> List<Received<T>> collect(String topic, Class<T> type, Predicate<T> match, int limit, Duration window) {
        return read(topic, record -> {
            T value = decode(record.value(), type);
            return value != null && match.test(value) ? new Received<>(record.key(), value, headers(record)) : null;
        }, limit, window);
    }

    /**
     * Reads {@code topic} from the beginning until a record matching {@code marker} arrives and returns the
     * records matching {@code match} read until then, the marker included. To assert that something did NOT
     * happen without guessing a window: send a marker after it with the same key (same partition, so in
     * order), and whatever would have happened before the marker is in the result.
     *
     * @throws AssertionError when the marker does not arrive within {@code timeout}
     */
    public <T> List<Received<T>> collectUntil(String topic, Class<T> type, Predicate<T> match, Predicate<T> marker,
                                              Duration timeout) {
        List<Received<T>> found = new ArrayList<>();
        boolean[] markerSeen = {false};
        read(topic, record -> {
            T value = decode(record.value(), type);
            if (value != null && match.test(value)) {
                found.add(new Received<>(record.key(), value, headers(record)));
            }
            if (value != null && marker.test(value)) {
                markerSeen[0] = true;
                return value;
            }
            return null;
        }, 1, timeout);
        if (!markerSeen[0]) {
            throw new AssertionError("no marker " + type.getSimpleName() + " on " + topic + " within " + timeout);
        }
        return found;
    }

    /** Raw records of a topic (e.g. a dead-letter topic), from the beginning, for {@code window}. */
    public List<ConsumerRecord<String, byte[]>> readRaw(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
                                                        int limit, Duration window) {
        return read(topic, record -> match.test(record) ? record : null, limit, window);
    }

    /**
     * Reads {@code topic} from the beginning for {@code window} or until {@code limit} records were kept;
     * {@code keep} turns a record into what to keep, or null to skip it.
     */
    private <R> List<R> read(String topic, Function<ConsumerRecord<String, byte[]>, R> keep, int limit,
                             Duration window) {
        List<R> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(window);
            while (Instant.now().isBefore(deadline) && found.size() < limit) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    R kept = keep.apply(record);
                    if (kept != null) {
                        found.add(kept);
                    }
                }
            }
        }
        return found;
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private static <T> T decode(byte[] value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(value, type);
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        record.headers().forEach(header -> headers.put(header.key(),
                header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        }
        return producer;
    }

    /** Closes the producer, if any; the client connects again when used again. */
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** A matching record: its key, decoded value and headers. */
    public record Received<T>(String key, T value, Map<String, String> headers) {
    }
}
