package org.supportflow.gateway.ingest;

import org.supportflow.contracts.events.Customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** A validated ingestion body (CONTRACT.md §1). {@code sentAt} may be null. */
public record IncomingMessage(String messageId, Customer customer, String text, Instant sentAt,
                              Map<String, String> metadata) {

    /**
     * What the message id stands for: the customer and the text (hashed, so no personal data is kept).
     * A retry carries the same; a reused id for another customer or text does not. The timestamp, name and
     * metadata may change between retries and are left out.
     */
    public String fingerprint() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(customer.id().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0); // ids never contain NUL (refused by the parser): an unambiguous separator
            sha256.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
