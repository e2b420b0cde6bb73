package org.supportflow.gateway.kakao;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The message id of an utterance: a SkillPayload has none.
 *
 * <p>It must be unique per request and never merge two identical utterances a user sent on purpose, so
 * nothing derived from the user and the text will do ("네" twice is two messages). A request with a
 * callbackUrl carries a URL Kakao issues once per request: a retry of that very request carries the same
 * URL and so gets the same id (de-duplicated), any other request another one. Without a callbackUrl there is
 * nothing request-specific in the payload, so the id is random: Kakao does not retry a skill request, and a
 * random id can never swallow a genuine message. The URL is hashed: it is a bearer token for one reply.
 */
public final class KakaoMessageIds {

    private KakaoMessageIds() {
    }

    public static String forRequest(Optional<URI> callbackUrl) {
        return callbackUrl.map(url -> "kakao-cb-" + sha256(url.toString()).substring(0, 40))
                .orElseGet(() -> "kakao-" + UUID.randomUUID());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
