package org.supportflow.gateway.widget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ingestion messageId of a widget message, derived from the visitor and the page's client id: a retry of
 * the same send (same client id) is the same message and is de-duplicated by the ingestion path, while two
 * visitors can never collide on a client id.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String of(String customerId, String clientId) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(customerId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0); // neither contains NUL: an unambiguous separator
            sha256.update(clientId.getBytes(StandardCharsets.UTF_8));
            return "widget-" + HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
