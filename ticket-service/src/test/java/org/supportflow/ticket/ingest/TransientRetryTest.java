package org.supportflow.ticket.ingest;

import jakarta.persistence.PessimisticLockException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransientRetryTest {

    private final TransientRetry retry = new TransientRetry(3, Duration.ofMillis(1));

    @Test
    void retriesALockConflictUntilItPasses() {
        AtomicInteger calls = new AtomicInteger();
        retry.run("test", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new PessimisticLockException("busy");
            }
        });
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run("test", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("wrapped", new SQLException("deadlock detected", "40P01"));
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    void doesNotRetryAPermanentFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run("test", () -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("bad event");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void recognisesTransientCauses() {
        assertThat(TransientRetry.isTransient(new RuntimeException(new SQLException("x", "40001")))).isTrue();
        assertThat(TransientRetry.isTransient(new RuntimeException(new SQLException("x", "08006")))).isTrue();
        assertThat(TransientRetry.isTransient(new RuntimeException(new SQLException("x", "55P03")))).as("lock")
                .isTrue();
        assertThat(TransientRetry.isTransient(new RuntimeException(new jakarta.persistence.PessimisticLockException())))
                .as("JPA's name for a lock conflict").isTrue();
        assertThat(TransientRetry.isTransient(new RuntimeException(new SQLException("x", "23505")))).isFalse();
        assertThat(TransientRetry.isTransient(new NullPointerException())).isFalse();
    }
}
