package org.supportflow.analytics.ingest;

import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What the batch listeners share: sorting a poll's records, and dead letters written by the listener itself
 * (SmallRye's dead-letter strategy would park a whole failed poll).
 */
final class Polls {

    private Polls() {
    }

    /** A poll's records that carry an event, and those whose value could not be read. */
    record Sorted<T>(List<KafkaRecord<String, T>> readable, List<KafkaRecord<String, T>> unreadable) {
    }

    /**
     * Sorts a poll. A record without value is left out: a tombstone is no event, while a value the
     * deserializer refused (SmallRye marks it with its failure headers) is unreadable.
     */
    static <T> Sorted<T> sort(KafkaRecordBatch<String, T> batch) {
        List<KafkaRecord<String, T>> readable = new ArrayList<>(batch.getRecords().size());
        List<KafkaRecord<String, T>> unreadable = new ArrayList<>(0);
        for (KafkaRecord<String, T> record : batch.getRecords()) {
            if (record.getPayload() != null) {
                readable.add(record);
            } else if (record.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON)
                    != null) {
                unreadable.add(record);
            }
        }
        return new Sorted<>(readable, unreadable);
    }

    /** Waits for dead letters, so that a poll is acknowledged only once they are written. */
    static void awaitAll(List<CompletableFuture<Void>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing dead letters", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the dead letters", e.getCause());
        }
    }
}
