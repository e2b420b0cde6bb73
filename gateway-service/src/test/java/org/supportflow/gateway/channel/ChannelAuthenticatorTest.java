package org.supportflow.gateway.channel;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.signing.ChannelSignature;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.web.ApiException;
import org.supportflow.gateway.ratelimit.RateLimit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final byte[] BODY = "{\"text\":\"안녕\"}".getBytes(StandardCharsets.UTF_8);

    private final Channel channel = new Channel("demo-web", ChannelType.WEB, "s3cret-s3cret-s3cret", Optional.empty(),
            Duration.ofHours(24), new RateLimit(10, 10), new RateLimit(1, 1));
    private final ChannelAuthenticator authenticator =
            new ChannelAuthenticator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    private void assertRefused(String timestamp, String signature, String code) {
        assertThatThrownBy(() -> authenticator.authenticate(channel, timestamp, signature, BODY))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    @Test
    void acceptsAValidSignatureWithinTheWindow() {
        long ts = NOW.getEpochSecond() - 299;
        assertThatCode(() -> authenticator.authenticate(channel, Long.toString(ts),
                ChannelSignature.sign(channel.secret(), ts, BODY), BODY)).doesNotThrowAnyException();
    }

    @Test
    void refusesEveryKindOfBadSignature() {
        long ts = NOW.getEpochSecond();
        assertRefused(null, null, "missing_signature");
        assertRefused(Long.toString(ts), "", "missing_signature");
        assertRefused("abc", ChannelSignature.sign(channel.secret(), ts, BODY), "malformed_signature");
        assertRefused(Long.toString(ts), "sha1=00", "malformed_signature");
        assertRefused(Long.toString(ts), "sha256=zz", "malformed_signature");
        assertRefused(Long.toString(ts - 301), ChannelSignature.sign(channel.secret(), ts - 301, BODY), "stale_timestamp");
        assertRefused(Long.toString(ts), ChannelSignature.sign("other-secret", ts, BODY), "invalid_signature");
        assertRefused(Long.toString(ts + 1), ChannelSignature.sign(channel.secret(), ts, BODY), "invalid_signature");
    }

    @Test
    void theChannelNeverPrintsItsSecret() {
        assertThat(channel.toString()).doesNotContain(channel.secret()).contains("demo-web");
        assertThatThrownBy(() -> new Channel("x", ChannelType.SMS, " ", Optional.empty(), Duration.ofHours(1),
                new RateLimit(1, 1), new RateLimit(1, 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
