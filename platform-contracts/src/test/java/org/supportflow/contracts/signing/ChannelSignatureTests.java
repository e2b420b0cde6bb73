package org.supportflow.contracts.signing;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.signing.ChannelSignature.Verification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelSignatureTests {

    private static final String SECRET = "local-dev-secret";
    private static final long NOW = 1_795_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final byte[] BODY = "{\"messageId\":\"ext-1\",\"text\":\"안녕\"}".getBytes(StandardCharsets.UTF_8);

    private static Verification verify(String timestamp, String signature, byte[] body) {
        return ChannelSignature.verify(SECRET, timestamp, signature, body, CLOCK, ChannelSignature.DEFAULT_TOLERANCE);
    }

    @Test
    void matchesAnIndependentlyComputedHmacOverTimestampDotBody() {
        // computed outside Java: printf '1.abc' | openssl dgst -sha256 -hmac key
        assertThat(ChannelSignature.sign("key", 1, "abc"))
                .isEqualTo("sha256=90ebc65a2174297bcabd31e7cdb290734ffd97b67d17c09a380b0d4828d3d90c");
    }

    @Test
    void acceptsAFreshCorrectSignature() {
        String signature = ChannelSignature.sign(SECRET, NOW - 30, BODY);

        assertThat(verify(String.valueOf(NOW - 30), signature, BODY)).isEqualTo(Verification.VALID);
    }

    @Test
    void refusesATamperedBodyOrAnotherSecret() {
        String signature = ChannelSignature.sign(SECRET, NOW, BODY);
        byte[] tampered = "{\"messageId\":\"ext-1\",\"text\":\"안녕!\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(verify(String.valueOf(NOW), signature, tampered)).isEqualTo(Verification.MISMATCH);
        assertThat(verify(String.valueOf(NOW), ChannelSignature.sign("other", NOW, BODY), BODY))
                .isEqualTo(Verification.MISMATCH);
    }

    @Test
    void refusesASwappedTimestampBecauseItIsSigned() {
        String signature = ChannelSignature.sign(SECRET, NOW - 10, BODY);

        assertThat(verify(String.valueOf(NOW - 11), signature, BODY)).isEqualTo(Verification.MISMATCH);
    }

    @Test
    void refusesTimestampsMoreThanFiveMinutesAwayEitherWay() {
        assertThat(verify(String.valueOf(NOW - 301), ChannelSignature.sign(SECRET, NOW - 301, BODY), BODY))
                .isEqualTo(Verification.STALE_TIMESTAMP);
        assertThat(verify(String.valueOf(NOW + 301), ChannelSignature.sign(SECRET, NOW + 301, BODY), BODY))
                .isEqualTo(Verification.STALE_TIMESTAMP);
        assertThat(verify(String.valueOf(NOW - 300), ChannelSignature.sign(SECRET, NOW - 300, BODY), BODY))
                .isEqualTo(Verification.VALID);
    }

    @Test
    void classifiesMissingAndMalformedHeaders() {
        String signature = ChannelSignature.sign(SECRET, NOW, BODY);

        assertThat(verify(null, signature, BODY)).isEqualTo(Verification.MISSING);
        assertThat(verify(String.valueOf(NOW), " ", BODY)).isEqualTo(Verification.MISSING);
        assertThat(verify("yesterday", signature, BODY)).isEqualTo(Verification.MALFORMED);
        assertThat(verify(String.valueOf(NOW), signature.substring("sha256=".length()), BODY))
                .isEqualTo(Verification.MALFORMED);
        assertThat(verify(String.valueOf(NOW), "sha256=zz", BODY)).isEqualTo(Verification.MALFORMED);
    }
}
