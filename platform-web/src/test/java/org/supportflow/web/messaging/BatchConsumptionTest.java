package org.supportflow.web.messaging;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchConsumptionTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final BatchConsumption<String> batches = new BatchConsumption<>("test records", Duration.ofMillis(100),
            Duration.ofMillis(250), TransientFailures::isTransient, pauses::add);
    private final List<List<String>> units = new ArrayList<>();
    private final List<String> committed = new ArrayList<>();
    private final List<String> deadLettered = new ArrayList<>();

    @Test
    void aHealthyPollIsOneUnit() {
        BatchConsumption.Outcome outcome = batches.process(List.of("a", "b", "c"), this::applyRefusing,
                (record, cause) -> deadLettered.add(record));

        assertThat(units).containsExactly(List.of("a", "b", "c"));
        assertThat(committed).containsExactly("a", "b", "c");
        assertThat(outcome).isEqualTo(new BatchConsumption.Outcome(3, 0, 1));
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void aPoisonRecordIsIsolatedAndTheOthersStillApplyInOrder() {
        BatchConsumption.Outcome outcome = batches.process(List.of("a", "poison", "c"), this::applyRefusing,
                (record, cause) -> deadLettered.add(record + ":" + cause.getMessage()));

        assertThat(committed).containsExactly("a", "c");
        assertThat(deadLettered).containsExactly("poison:cannot apply poison");
        assertThat(units).containsExactly(List.of("a", "poison", "c"), List.of("a"), List.of("poison"), List.of("c"));
        assertThat(outcome).isEqualTo(new BatchConsumption.Outcome(2, 1, 4));
    }

    @Test
    void aTransientFailureIsRetriedWithGrowingCappedPausesNeverDeadLettered() {
        int[] failuresLeft = {4};
        BatchConsumption.Outcome outcome = batches.process(List.of("a", "b"), records -> {
            if (failuresLeft[0]-- > 0) {
                throw new IllegalStateException("wrapped", new SQLException("connection refused", "08001"));
            }
            applyRefusing(records);
        }, (record, cause) -> deadLettered.add(record));

        assertThat(committed).containsExactly("a", "b");
        assertThat(deadLettered).isEmpty();
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250),
                Duration.ofMillis(250));
        assertThat(outcome.deadLettered()).isZero();
    }

    @Test
    void aSingleRecordThatFailsForGoodGoesStraightToDeadLetters() {
        BatchConsumption.Outcome outcome = batches.process(List.of("poison"), this::applyRefusing,
                (record, cause) -> deadLettered.add(record));

        assertThat(deadLettered).containsExactly("poison");
        assertThat(units).hasSize(1);
        assertThat(outcome).isEqualTo(new BatchConsumption.Outcome(0, 1, 1));
    }

    @Test
    void sqlStatesThatPassAreTransientAndDataErrorsAreNot() {
        assertThat(TransientFailures.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("shutdown", "57P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("refused", "08006")))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("NUL in text", "22021"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("duplicate", "23505"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }

    /** A unit of work that, like a transaction, takes effect completely or not at all. */
    private void applyRefusing(List<String> records) {
        units.add(List.copyOf(records));
        if (records.contains("poison")) {
            throw new IllegalArgumentException("cannot apply poison");
        }
        committed.addAll(records);
    }
}
