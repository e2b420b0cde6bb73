package org.supportflow.gateway.kakao.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.supportflow.gateway.ingest.IncomingMessageParser;
import org.supportflow.web.ApiException;
import org.supportflow.web.ErrorCodes;
import org.supportflow.web.PlainText;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses an Open Builder SkillPayload (CHANNELS.md) with the conventions of the §1 body: duplicate keys and
 * trailing content are invalid JSON, every problem is a 400 naming the field (never echoing a value), text
 * with control characters is refused at the edge, an utterance is at most
 * {@value IncomingMessageParser#MAX_TEXT_CHARACTERS} characters. Fields the gateway does not use are ignored:
 * Kakao adds fields over time.
 */
public final class SkillPayloadParser {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_URL_LENGTH = 2000;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public SkillRequest parse(byte[] body) {
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
        JsonNode userRequest = requiredObject(root, "userRequest", "userRequest.utterance");
        String utterance = requiredString(userRequest, "utterance", "userRequest.utterance");
        if (!PlainText.Validator.isPlain(utterance, true)) {
            throw ApiException.badRequest("invalid_field", "userRequest.utterance must not contain control characters");
        }
        if (utterance.isBlank()) {
            throw ApiException.badRequest("missing_field", "userRequest.utterance must not be blank");
        }
        if (utterance.codePointCount(0, utterance.length()) > IncomingMessageParser.MAX_TEXT_CHARACTERS) {
            throw ApiException.badRequest("text_too_long",
                    "userRequest.utterance must be at most " + IncomingMessageParser.MAX_TEXT_CHARACTERS + " characters");
        }
        JsonNode user = requiredObject(userRequest, "user", "userRequest.user.id");
        String botUserKey = requiredString(user, "id", "userRequest.user.id");
        if (botUserKey.isBlank()) {
            throw ApiException.badRequest("missing_field", "userRequest.user.id must not be blank");
        }
        checkId(botUserKey, "userRequest.user.id");
        Optional<String> locale = optionalId(userRequest, "lang", "userRequest.lang").map(SkillPayloadParser::languageTag);
        Locale language = locale.map(Locale::forLanguageTag)
                .orElseGet(() -> containsHangul(utterance) ? Locale.KOREAN : Locale.ENGLISH);
        return new SkillRequest(utterance, botUserKey, locale, language, callbackUrl(userRequest),
                optionalId(userRequest.get("block"), "name", "userRequest.block.name"),
                optionalId(root.get("intent"), "name", "intent.name"));
    }

    /** Kakao's payloads use {@code kr} for Korean, which is the ISO code of no language. */
    static String languageTag(String lang) {
        return "kr".equalsIgnoreCase(lang) ? "ko" : lang;
    }

    private static boolean containsHangul(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }

    private static Optional<URI> callbackUrl(JsonNode userRequest) {
        Optional<String> value = optionalString(userRequest, "callbackUrl", "userRequest.callbackUrl");
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        String url = value.get();
        try {
            URI uri = new URI(url);
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (url.length() > MAX_URL_LENGTH || !http || uri.getHost() == null) {
                throw invalidCallback();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw invalidCallback();
        }
    }

    private static ApiException invalidCallback() {
        return ApiException.badRequest("invalid_field", "userRequest.callbackUrl must be an absolute http(s) URL");
    }

    private static JsonNode requiredObject(JsonNode node, String field, String requiredPath) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("missing_field", requiredPath + " is required");
        }
        if (!value.isObject()) {
            throw ApiException.badRequest("invalid_field", field + " must be an object");
        }
        return value;
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

    private static Optional<String> optionalString(JsonNode node, String field, String path) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_field", path + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    private static Optional<String> optionalId(JsonNode node, String field, String path) {
        Optional<String> value = optionalString(node, field, path).filter(text -> !text.isBlank());
        value.ifPresent(text -> checkId(text, path));
        return value;
    }

    private static void checkId(String value, String path) {
        if (value.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest("invalid_field", path + " must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (!PlainText.Validator.isPlain(value, false)) {
            throw ApiException.badRequest("invalid_field", path + " must not contain control characters");
        }
    }
}
