package org.supportflow.gateway.delivery;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackCircuitTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final CallbackCircuit circuit = new CallbackCircuit(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresForTheConfiguredTime() {
        circuit.failed("web");
        circuit.failed("web");
        assertThat(circuit.isOpen("web")).isFalse();
        circuit.failed("web");
        assertThat(circuit.isOpen("web")).isTrue();
        assertThat(circuit.isOpen("kakao")).isFalse();

        now.set(now.get().plusSeconds(31));
        assertThat(circuit.isOpen("web")).isFalse();
        // the trial fails: open again at once
        circuit.failed("web");
        assertThat(circuit.isOpen("web")).isTrue();
    }

    @Test
    void aSuccessResetsTheCount() {
        circuit.failed("web");
        circuit.failed("web");
        circuit.succeeded("web");
        circuit.failed("web");
        assertThat(circuit.isOpen("web")).isFalse();
    }

    @Test
    void classifiesCallbackStatuses() {
        assertThat(DeliveryFailure.forStatus(200)).isNull();
        assertThat(DeliveryFailure.forStatus(204)).isNull();
        assertThat(DeliveryFailure.forStatus(503).retryable()).isTrue();
        assertThat(DeliveryFailure.forStatus(500).retryable()).isTrue();
        assertThat(DeliveryFailure.forStatus(429).retryable()).isTrue();
        assertThat(DeliveryFailure.forStatus(408).retryable()).isTrue();
        assertThat(DeliveryFailure.forStatus(400).retryable()).isFalse();
        assertThat(DeliveryFailure.forStatus(401).retryable()).isFalse();
        assertThat(DeliveryFailure.forStatus(404).retryable()).isFalse();
        assertThat(DeliveryFailure.forStatus(302).retryable()).isFalse();
    }
}
