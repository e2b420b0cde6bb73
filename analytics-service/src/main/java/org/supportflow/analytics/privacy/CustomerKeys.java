package org.supportflow.analytics.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Pseudonymises customer ids: the service keeps {@code HMAC-SHA256(secret, customerId)} so that an
 * erasure request by customer id finds that customer's conversations, but the id itself (a channel's
 * user key, sometimes a phone number) is never stored, and the keyed hash cannot be reversed by
 * hashing guesses without the secret.
 */
public final class CustomerKeys {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public CustomerKeys(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("the customer key secret must not be blank");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The pseudonymous key of a customer id, or {@code null} for a null or blank id. */
    public String keyOf(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
