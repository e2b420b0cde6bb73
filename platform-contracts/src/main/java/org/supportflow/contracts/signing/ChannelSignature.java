package org.supportflow.contracts.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The channel signature scheme of CONTRACT.md §1: {@code X-Signature-256: sha256=<hex HMAC-SHA256(secret,
 * "<timestamp>.<payload>")>} with {@code X-Timestamp: <epoch seconds>}. The payload is the raw request body
 * for POSTs and {@code <path?query>} for the polling GET. Used by the gateway to verify what channels send,
 * and to sign what it delivers to their callbacks.
 */
public final class ChannelSignature {

    public static final String TIMESTAMP_HEADER = "X-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Signature-256";
    public static final String CHANNEL_HEADER = "X-Channel-Id";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    /** Outcome of a verification; anything but {@link #VALID} is a 401. */
    public enum Verification {
        VALID, MISSING, MALFORMED, STALE_TIMESTAMP, MISMATCH
    }

    private ChannelSignature() {
    }

    /** The header value for {@code payload} signed at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, byte[] payload) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, epochSeconds, payload));
    }

    public static String sign(String secret, long epochSeconds, String payload) {
        return sign(secret, epochSeconds, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks headers against the payload: the timestamp must be within {@code tolerance} of {@code clock},
     * and the digests are compared in constant time.
     */
    public static Verification verify(String secret, String timestampHeader, String signatureHeader, byte[] payload,
                                      Clock clock, Duration tolerance) {
        if (isBlank(timestampHeader) || isBlank(signatureHeader)) {
            return Verification.MISSING;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return Verification.MALFORMED;
        }
        String signature = signatureHeader.trim();
        if (!signature.startsWith(PREFIX)) {
            return Verification.MALFORMED;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signature.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Verification.MALFORMED;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > tolerance.toSeconds()) {
            return Verification.STALE_TIMESTAMP;
        }
        byte[] expected = hmac(secret, timestamp, payload);
        return MessageDigest.isEqual(expected, presented) ? Verification.VALID : Verification.MISMATCH;
    }

    private static byte[] hmac(String secret, long epochSeconds, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
