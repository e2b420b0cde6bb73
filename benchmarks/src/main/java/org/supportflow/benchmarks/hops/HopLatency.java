package org.supportflow.benchmarks.hops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.supportflow.contracts.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Where a customer message's time goes between the gateway and the bot's reply, read from what the platform
 * writes anyway: each stage's event carries the moment the stage made it ({@code occurredAt}) and Kafka stamps
 * each record with the moment its producer sent it (CreateTime). For the messages of a time window it prints,
 * per hop, how many were seen and the p50/p90/p99/max in milliseconds:
 * <ol>
 *   <li>gateway: the inbound event made → its record sent (group commit, then the producer's linger);</li>
 *   <li>nlu: inbound record → classified event made (the NLU's fetch, queue and work);</li>
 *   <li>nlu send: classified event made → its record sent;</li>
 *   <li>routing: classified record → the reply made (routing's fetch and its batch, up to the reply);</li>
 *   <li>routing send: the reply made → its record sent (the batch's commit, then the producer);</li>
 *   <li>total: inbound event made → reply record sent.</li>
 * </ol>
 * What the table cannot see: the HTTP request before the gateway makes the event, and the reply's way from its
 * record to the waiting request (the gateway's own consumer of {@code conversation.outbound}): the load driver's
 * end-to-end figure minus this total. All processes must share one clock (one machine).
 *
 * <p>Usage: {@code HopLatency [--bootstrap host:port] [--seconds N]} (default localhost:9092, the last 60 s).
 */
public final class HopLatency {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is known of one customer message (conversation id and message id): epoch milliseconds, or -1. */
    private static final class Times {
        long inboundMade = -1;
        long inboundSent = -1;
        long classifiedMade = -1;
        long classifiedSent = -1;
        long replyMade = -1;
        long replySent = -1;
    }

    private HopLatency() {
    }

    public static void main(String[] args) {
        String bootstrap = "localhost:9092";
        long seconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[++i];
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: HopLatency [--bootstrap host:port] [--seconds N]");
                    System.exit(2);
                }
            }
        }
        long since = Instant.now().minusSeconds(seconds).toEpochMilli();
        Map<String, Times> messages = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            read(consumer, Topics.CONVERSATION_INBOUND, since, (event, sent) -> {
                Times t = messages.computeIfAbsent(key(event, "messageId"), k -> new Times());
                t.inboundMade = millis(event.path("occurredAt"));
                t.inboundSent = sent;
            });
            read(consumer, Topics.CONVERSATION_CLASSIFIED, since, (event, sent) -> {
                Times t = messages.get(key(event, "messageId"));
                if (t != null) {
                    t.classifiedMade = millis(event.path("occurredAt"));
                    t.classifiedSent = sent;
                }
            });
            read(consumer, Topics.CONVERSATION_OUTBOUND, since, (event, sent) -> {
                Times t = messages.get(key(event, "inReplyTo"));
                if (t != null && t.replySent < 0) { // the first reply to the message (a handoff may add a notice)
                    t.replyMade = millis(event.path("occurredAt"));
                    t.replySent = sent;
                }
            });
        }
        System.out.printf(Locale.ROOT, "messages in the last %d s: %d%n", seconds, messages.size());
        System.out.printf(Locale.ROOT, "%-13s %8s %8s %8s %8s %8s%n", "hop", "count", "p50_ms", "p90_ms", "p99_ms",
                "max_ms");
        print("gateway", messages, t -> t.inboundSent - t.inboundMade, t -> t.inboundMade >= 0);
        print("nlu", messages, t -> t.classifiedMade - t.inboundSent, t -> t.classifiedMade >= 0);
        print("nlu send", messages, t -> t.classifiedSent - t.classifiedMade, t -> t.classifiedMade >= 0);
        print("routing", messages, t -> t.replyMade - t.classifiedSent, t -> t.classifiedSent >= 0 && t.replyMade >= 0);
        print("routing send", messages, t -> t.replySent - t.replyMade, t -> t.replyMade >= 0);
        print("total", messages, t -> t.replySent - t.inboundMade, t -> t.replyMade >= 0);
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** Every record of the topic sent since {@code since}, in partition order; no group, nothing committed. */
    private static void read(KafkaConsumer<String, String> consumer, String topic, long since,
                             BiConsumer<JsonNode, Long> onEvent) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp from = start.get(tp);
            long offset = from == null ? end.get(tp) : from.offset();
            consumer.seek(tp, offset);
            if (offset < end.get(tp)) {
                remaining.put(tp, end.get(tp));
            }
        }
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(2))) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                Long last = remaining.get(tp);
                if (last == null) {
                    continue;
                }
                if (record.offset() + 1 >= last) {
                    remaining.remove(tp);
                }
                if (record.offset() < last && record.value() != null) {
                    try {
                        onEvent.accept(JSON.readTree(record.value()), record.timestamp());
                    } catch (Exception unreadable) {
                        // not an event (a dead record): not a message of this table
                    }
                }
            }
            remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
        }
    }

    private static String key(JsonNode event, String messageField) {
        return event.path("conversationId").asText() + "/" + event.path(messageField).asText();
    }

    private static long millis(JsonNode instant) {
        if (instant.isNumber()) { // seconds with a fraction (Jackson's default for Instant without ISO strings)
            return Math.round(instant.asDouble() * 1000);
        }
        return instant.isTextual() ? Instant.parse(instant.asText()).toEpochMilli() : -1;
    }

    private static void print(String hop, Map<String, Times> messages, ToLongFunction<Times> duration,
                              Predicate<Times> known) {
        long[] values = messages.values().stream().filter(known).mapToLong(duration).sorted().toArray();
        if (values.length == 0) {
            System.out.printf(Locale.ROOT, "%-13s %8d%n", hop, 0);
            return;
        }
        System.out.printf(Locale.ROOT, "%-13s %8d %8d %8d %8d %8d%n", hop, values.length, percentile(values, 0.50),
                percentile(values, 0.90), percentile(values, 0.99), values[values.length - 1]);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
