package org.supportflow.ticket.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StreamLifetimeTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void aStreamEndsWhenItsTokenExpires() {
        assertThat(StreamLifetime.of(NOW.plusSeconds(300), NOW)).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void longLivedOrUnknownTokensAreCapped() {
        assertThat(StreamLifetime.of(NOW.plus(Duration.ofDays(1)), NOW)).isEqualTo(StreamLifetime.MAX);
        assertThat(StreamLifetime.of(null, NOW)).isEqualTo(StreamLifetime.MAX);
    }

    @Test
    void aTokenAboutToExpireStillGetsAMoment() {
        assertThat(StreamLifetime.of(NOW.minusSeconds(5), NOW)).isEqualTo(Duration.ofSeconds(1));
    }
}
