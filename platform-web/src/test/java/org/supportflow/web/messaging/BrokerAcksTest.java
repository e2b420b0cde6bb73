package org.supportflow.web.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerAcksTest {

    @Test
    void aRefusedSendIsMadeAgainUntilTheBrokerTakesIt() {
        List<Integer> attempts = new ArrayList<>();

        BrokerAcks.await(() -> {
            int attempt = attempts.size() + 1;
            attempts.add(attempt);
            return attempt < 3 ? CompletableFuture.failedFuture(new IllegalStateException("broker down"))
                    : CompletableFuture.completedFuture(null);
        }, "events", 5, Duration.ZERO);

        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void afterTheLastAttemptThePollFailsWithTheBrokersReason() {
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> BrokerAcks.await(() -> {
            attempts.add(attempts.size() + 1);
            return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
        }, "classified events", 3, Duration.ZERO))
                .hasMessageContaining("classified events")
                .hasRootCauseMessage("broker down");
        assertThat(attempts).containsExactly(1, 2, 3);
    }
}
