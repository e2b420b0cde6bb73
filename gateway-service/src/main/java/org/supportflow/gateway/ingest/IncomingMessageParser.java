package org.supportflow.gateway.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.supportflow.contracts.events.Customer;
import org.supportflow.web.ApiException;
import org.supportflow.web.ErrorCodes;
import org.supportflow.web.PlainText;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses and validates the raw ingestion body after its signature was checked. Every problem is a 400
 * with a code naming it; messages name fields, never echo values (they may be personal data).
 *
 * <p>Control characters are refused here, at the edge: a NUL is valid JSON but PostgreSQL cannot store it,
 * so accepting one would fail later, where the channel can no longer be told (a lost handoff) or be told to
 * retry what can never succeed. Customer-written text may keep tabs and line breaks; ids may not even
 * have those (they are logged and used as keys).
 */
public final class IncomingMessageParser {

    public static final int MAX_TEXT_CHARACTERS = 4000;
    static final int MAX_ID_LENGTH = 200;
    static final int MAX_METADATA_ENTRIES = 50;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public IncomingMessage parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "the body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "the body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "the body must be a JSON object");
        }
        String messageId = requiredId(root, "messageId", "messageId");
        JsonNode customerNode = root.get("customer");
        if (customerNode == null || customerNode.isNull()) {
            throw ApiException.badRequest("missing_field", "customer.id is required");
        }
        if (!customerNode.isObject()) {
            throw ApiException.badRequest("invalid_field", "customer must be an object");
        }
        Customer customer = new Customer(requiredId(customerNode, "id", "customer.id"),
                optionalString(customerNode, "name", "customer.name", 200),
                optionalString(customerNode, "locale", "customer.locale", 35),
                optionalString(customerNode, "tier", "customer.tier", 50));
        String text = requiredString(root, "text", "text");
        refuseControlCharacters(text, "text", true);
        if (text.isBlank()) {
            throw ApiException.badRequest("missing_field", "text must not be blank");
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT_CHARACTERS) {
            throw ApiException.badRequest("text_too_long", "text must be at most " + MAX_TEXT_CHARACTERS + " characters");
        }
        return new IncomingMessage(messageId, customer, text, sentAt(root), metadata(root));
    }

    private static String requiredId(JsonNode node, String field, String path) {
        String value = requiredString(node, field, path);
        if (value.isBlank()) {
            throw ApiException.badRequest("missing_field", path + " must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest("invalid_field", path + " must be at most " + MAX_ID_LENGTH + " characters");
        }
        refuseControlCharacters(value, path, false);
        return value;
    }

    /** 400 when the value is not {@link PlainText plain text} (a control character, a lone surrogate). */
    static void refuseControlCharacters(String value, String path, boolean lineBreaksAllowed) {
        if (!PlainText.Validator.isPlain(value, lineBreaksAllowed)) {
            throw ApiException.badRequest("invalid_field", path + " must not contain control characters");
        }
    }

    private static String requiredString(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("missing_field", path + " is required");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_field", path + " must be a string");
        }
        return value.textValue();
    }

    private static String optionalString(JsonNode node, String field, String path, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_field", path + " must be a string");
        }
        if (value.textValue().length() > maxLength) {
            throw ApiException.badRequest("invalid_field", path + " must be at most " + maxLength + " characters");
        }
        refuseControlCharacters(value.textValue(), path, false);
        return value.textValue();
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
            refuseControlCharacters(entry.getKey(), "metadata keys", false);
            refuseControlCharacters(itemValue, "metadata values", true);
            metadata.put(entry.getKey(), itemValue);
        }
        return metadata;
    }
}
