package org.supportflow.gateway.widget;

import org.supportflow.web.ApiException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and checks visitor tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}, the
 * key derived from the channel's secret (so the secret itself never signs anything a browser holds, and
 * rotating the secret ends every session). The payload is {@code v1 \n channel \n visitor \n user \n issued}.
 * Also checks the site's identity HMAC, {@code hex(HMAC-SHA256(identity secret, userId))}.
 * Every comparison of a MAC is constant-time.
 */
public final class VisitorTokens {

    static final int MAX_TOKEN_LENGTH = 1024;
    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String channelId;
    private final byte[] key;
    private final Clock clock;
    private final Duration lifetime;

    /** Tokens of one channel, valid for {@code lifetime} after they were issued. */
    public VisitorTokens(String channelId, String channelSecret, Clock clock, Duration lifetime) {
        this.channelId = channelId;
        this.key = hmac(channelSecret.getBytes(StandardCharsets.UTF_8),
                "supportflow widget visitor token".getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new token for {@code visitorId} (a fresh one if null), speaking for {@code userId} if present. */
    public String issue(String visitorId, Optional<String> userId) {
        String visitor = visitorId != null ? visitorId : UUID.randomUUID().toString();
        String payload = String.join("\n", VERSION, channelId, visitor, userId.orElse(""),
                Long.toString(clock.instant().getEpochSecond()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(hmac(key, bytes));
    }

    /**
     * The visitor a token stands for.
     *
     * @throws ApiException 401 when the token is missing, malformed, forged, of another channel or expired
     */
    public VisitorToken verify(String token) {
        if (token == null || token.isEmpty()) {
            throw ApiException.unauthorized("missing_visitor_token", "a visitor token is required; start a session");
        }
        int dot = token.indexOf('.');
        if (token.length() > MAX_TOKEN_LENGTH || dot <= 0) {
            throw invalid();
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            mac = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac, hmac(key, payload))) {
            throw invalid();
        }
        List<String> fields = List.of(new String(payload, StandardCharsets.UTF_8).split("\n", -1));
        if (fields.size() != 5 || !VERSION.equals(fields.get(0)) || !channelId.equals(fields.get(1))) {
            throw invalid();
        }
        Instant issuedAt = Instant.ofEpochSecond(Long.parseLong(fields.get(4)));
        if (clock.instant().isAfter(issuedAt.plus(lifetime))) {
            throw ApiException.unauthorized("visitor_token_expired", "the visitor token has expired; start a session");
        }
        Optional<String> user = fields.get(3).isEmpty() ? Optional.empty() : Optional.of(fields.get(3));
        return new VisitorToken(channelId, fields.get(2), user, issuedAt);
    }

    /** Whether {@code hash} is the site's identity HMAC of {@code userId} (hex, either case). */
    public static boolean identityMatches(String identitySecret, String userId, String hash) {
        if (hash == null) {
            return false;
        }
        byte[] expected = hmac(identitySecret.getBytes(StandardCharsets.UTF_8), userId.getBytes(StandardCharsets.UTF_8));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    /** What a site's server computes for its user (documented in docs/WIDGET.md; also for tests). */
    public static String identityHash(String identitySecret, String userId) {
        return HexFormat.of().formatHex(
                hmac(identitySecret.getBytes(StandardCharsets.UTF_8), userId.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("invalid_visitor_token", "the visitor token is not valid; start a session");
    }
}
