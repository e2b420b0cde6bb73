package org.supportflow.gateway.widget;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.supportflow.gateway.ingest.IncomingMessageParser;
import org.supportflow.web.ApiException;
import org.supportflow.web.ErrorCodes;
import org.supportflow.web.PlainText;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses and validates the widget API's request bodies; anything wrong is a 400 naming the field. */
public final class WidgetRequests {

    /** The largest body the widget API reads (a message of 4,000 characters of UTF-8 and its envelope). */
    public static final int MAX_BODY_BYTES = 16_384;
    static final int MAX_USER_ID_LENGTH = 200;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,100}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WidgetRequests() {
    }

    /** {@code {"visitorToken"?, "user"?: {"id", "hash"}}}: resume a session, and/or speak for the site's user. */
    public record SessionRequest(Optional<String> visitorToken, Optional<Identity> user) {
    }

    /** The site's logged-in user as its server vouched for them. */
    public record Identity(String id, String hash) {
    }

    /** {@code {"clientId", "text", "locale"?}}. */
    public record MessageRequest(String clientId, String text, Optional<String> locale) {
    }

    public static SessionRequest session(byte[] body) {
        JsonNode root = object(body, true);
        Optional<String> token = optionalText(root, "visitorToken", VisitorTokens.MAX_TOKEN_LENGTH);
        JsonNode user = root.get("user");
        if (user == null || user.isNull()) {
            return new SessionRequest(token, Optional.empty());
        }
        if (!user.isObject()) {
            throw ApiException.badRequest("invalid_field", "user must be an object");
        }
        String id = optionalText(user, "id", MAX_USER_ID_LENGTH)
                .orElseThrow(() -> ApiException.badRequest("missing_field", "user.id is required"));
        if (id.isBlank() || !PlainText.Validator.isPlain(id, false)) {
            throw ApiException.badRequest("invalid_field", "user.id must be a non-blank id without control characters");
        }
        String hash = optionalText(user, "hash", 128)
                .orElseThrow(() -> ApiException.badRequest("missing_field", "user.hash is required"));
        return new SessionRequest(token, Optional.of(new Identity(id, hash)));
    }

    public static MessageRequest message(byte[] body) {
        JsonNode root = object(body, false);
        String clientId = optionalText(root, "clientId", 100)
                .orElseThrow(() -> ApiException.badRequest("missing_field", "clientId is required"));
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.badRequest("invalid_field", "clientId must be 8 to 100 of A-Z a-z 0-9 _ -");
        }
        String text = optionalText(root, "text", Integer.MAX_VALUE)
                .orElseThrow(() -> ApiException.badRequest("missing_field", "text is required"));
        if (text.isBlank()) {
            throw ApiException.badRequest("missing_field", "text must not be blank");
        }
        if (!PlainText.Validator.isPlain(text, true)) {
            throw ApiException.badRequest("invalid_field", "text must not contain control characters");
        }
        if (text.codePointCount(0, text.length()) > IncomingMessageParser.MAX_TEXT_CHARACTERS) {
            throw ApiException.badRequest("text_too_long",
                    "text must be at most " + IncomingMessageParser.MAX_TEXT_CHARACTERS + " characters");
        }
        Optional<String> locale = optionalText(root, "locale", 35);
        if (locale.isPresent() && !LOCALE.matcher(locale.get()).matches()) {
            throw ApiException.badRequest("invalid_field", "locale must be a language tag such as ko-KR");
        }
        return new MessageRequest(clientId, text, locale);
    }

    private static JsonNode object(byte[] body, boolean emptyAllowed) {
        if (body == null || body.length == 0) {
            if (emptyAllowed) {
                return MAPPER.createObjectNode();
            }
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "the body must be a JSON object");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.payloadTooLarge(MAX_BODY_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "the body must be a JSON object");
        }
        return root;
    }

    private static Optional<String> optionalText(JsonNode node, String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_field", field + " must be a string");
        }
        if (value.textValue().length() > maxLength) {
            throw ApiException.badRequest("invalid_field", field + " must be at most " + maxLength + " characters");
        }
        return Optional.of(value.textValue());
    }
}
