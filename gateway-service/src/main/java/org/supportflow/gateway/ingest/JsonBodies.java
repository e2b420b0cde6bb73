package org.supportflow.gateway.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.supportflow.web.ApiException;
import org.supportflow.web.ErrorCodes;
import org.supportflow.web.PlainText;

import java.io.IOException;
import java.util.Optional;

/**
 * The one way the gateway reads a JSON body a channel sent (§1 messages, KakaoTalk's SkillPayload, the widget's
 * requests): a key given twice or content after the object is invalid JSON, every problem is a 400 naming the
 * field and never echoing its value, and a customer's text follows one rule everywhere.
 *
 * <p>Control characters are refused at the edge: a NUL is valid JSON but PostgreSQL cannot store it, so
 * accepting one would fail later, where the channel can no longer be told. Customer-written text may keep tabs
 * and line breaks; ids may not (they are logged and used as keys).
 */
public final class JsonBodies {

    /** The longest customer message, in characters (code points). */
    public static final int MAX_TEXT_CHARACTERS = 4000;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodies() {
    }

    /** The body as a JSON object; anything else is a 400 {@code invalid_json}. */
    public static JsonNode object(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "the body must be a JSON object");
        }
        return root;
    }

    /** An empty JSON object, for endpoints whose body is optional. */
    public static JsonNode emptyObject() {
        return MAPPER.createObjectNode();
    }

    /** A nested object that must be there; {@code requiredPath} names what is missing (e.g. "customer.id"). */
    public static JsonNode requiredObject(JsonNode node, String field, String requiredPath) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("missing_field", requiredPath + " is required");
        }
        if (!value.isObject()) {
            throw ApiException.badRequest("invalid_field", field + " must be an object");
        }
        return value;
    }

    public static String requiredString(JsonNode node, String field, String path) {
        return optionalString(node, field, path)
                .orElseThrow(() -> ApiException.badRequest("missing_field", path + " is required"));
    }

    /** A string field that may be absent or null; {@code node} itself may be null or not an object. */
    public static Optional<String> optionalString(JsonNode node, String field, String path) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_field", path + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    /** An optional short string (a name, a locale): at most {@code maxLength} characters, no control characters. */
    public static Optional<String> optionalShortString(JsonNode node, String field, String path, int maxLength) {
        Optional<String> value = optionalString(node, field, path);
        value.ifPresent(text -> {
            if (text.length() > maxLength) {
                throw ApiException.badRequest("invalid_field", path + " must be at most " + maxLength + " characters");
            }
            refuseControlCharacters(text, path, false);
        });
        return value;
    }

    /** A required id: not blank, at most {@code maxLength} characters, no control characters. */
    public static String requiredId(JsonNode node, String field, String path, int maxLength) {
        String value = requiredString(node, field, path);
        if (value.isBlank()) {
            throw ApiException.badRequest("missing_field", path + " must not be blank");
        }
        return optionalShortString(node, field, path, maxLength).orElseThrow();
    }

    /** A customer's message: not blank, plain text (line breaks allowed), at most {@value #MAX_TEXT_CHARACTERS}. */
    public static String customerText(JsonNode node, String field, String path) {
        String text = requiredString(node, field, path);
        refuseControlCharacters(text, path, true);
        if (text.isBlank()) {
            throw ApiException.badRequest("missing_field", path + " must not be blank");
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT_CHARACTERS) {
            throw ApiException.badRequest("text_too_long", path + " must be at most " + MAX_TEXT_CHARACTERS + " characters");
        }
        return text;
    }

    /** 400 when the value is not {@link PlainText plain text} (a control character, a lone surrogate). */
    public static void refuseControlCharacters(String value, String path, boolean lineBreaksAllowed) {
        if (!PlainText.Validator.isPlain(value, lineBreaksAllowed)) {
            throw ApiException.badRequest("invalid_field", path + " must not contain control characters");
        }
    }
}
