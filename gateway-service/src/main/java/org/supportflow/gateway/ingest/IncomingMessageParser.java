package org.supportflow.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.supportflow.contracts.events.Customer;
import org.supportflow.web.ApiException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses and validates the raw ingestion body after its signature was checked. Every problem is a 400
 * with a code naming it; messages name fields, never echo values (they may be personal data). The rules
 * every channel's body follows (strict JSON, no control characters, the text's limit) are {@link JsonBodies}'.
 */
public final class IncomingMessageParser {

    public static final int MAX_TEXT_CHARACTERS = JsonBodies.MAX_TEXT_CHARACTERS;
    static final int MAX_ID_LENGTH = 200;
    static final int MAX_METADATA_ENTRIES = 50;

    public IncomingMessage parse(byte[] body) {
        JsonNode root = JsonBodies.object(body);
        String messageId = JsonBodies.requiredId(root, "messageId", "messageId", MAX_ID_LENGTH);
        JsonNode customerNode = JsonBodies.requiredObject(root, "customer", "customer.id");
        Customer customer = new Customer(JsonBodies.requiredId(customerNode, "id", "customer.id", MAX_ID_LENGTH),
                JsonBodies.optionalShortString(customerNode, "name", "customer.name", 200).orElse(null),
                JsonBodies.optionalShortString(customerNode, "locale", "customer.locale", 35).orElse(null),
                JsonBodies.optionalShortString(customerNode, "tier", "customer.tier", 50).orElse(null),
                verified(customerNode));
        String text = JsonBodies.customerText(root, "text", "text");
        return new IncomingMessage(messageId, customer, text, sentAt(root), metadata(root));
    }

    /**
     * {@code customer.verified}: the signing system vouches that it verified the customer (it signs the request
     * with the channel's secret, so it is the one that knows); absent: not verified.
     */
    private static Boolean verified(JsonNode customerNode) {
        JsonNode value = customerNode.get("verified");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("invalid_field", "customer.verified must be true or false");
        }
        return value.asBoolean();
    }

    private static Instant sentAt(JsonNode root) {
        JsonNode value = root.get("sentAt");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_sent_at", "sentAt must be an ISO-8601 timestamp string");
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_sent_at",
                    "sentAt must be an ISO-8601 timestamp with offset, e.g. 2026-11-22T10:00:00Z");
        }
    }

    /** Channel extras; scalars become strings, nested values their JSON. */
    private static Map<String, String> metadata(JsonNode root) {
        JsonNode value = root.get("metadata");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw ApiException.badRequest("invalid_field", "metadata must be an object");
        }
        if (value.size() > MAX_METADATA_ENTRIES) {
            throw ApiException.badRequest("invalid_field", "metadata must have at most " + MAX_METADATA_ENTRIES + " entries");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode item = entry.getValue();
            if (item.isNull()) {
                continue;
            }
            String itemValue = item.isValueNode() ? item.asText() : item.toString();
            JsonBodies.refuseControlCharacters(entry.getKey(), "metadata keys", false);
            JsonBodies.refuseControlCharacters(itemValue, "metadata values", true);
            metadata.put(entry.getKey(), itemValue);
        }
        return metadata;
    }
}
