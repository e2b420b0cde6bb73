package org.supportflow.gateway.kakao.payload;

import com.fasterxml.jackson.databind.JsonNode;
import org.supportflow.gateway.ingest.JsonBodies;
import org.supportflow.web.ApiException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses an Open Builder SkillPayload (CHANNELS.md) by the rules of every channel's body ({@link JsonBodies}):
 * the utterance is a customer's text like §1's. Fields the gateway does not use are ignored: Kakao adds fields
 * over time.
 */
public final class SkillPayloadParser {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_URL_LENGTH = 2000;

    public SkillRequest parse(byte[] body) {
        JsonNode root = JsonBodies.object(body);
        JsonNode userRequest = JsonBodies.requiredObject(root, "userRequest", "userRequest.utterance");
        String utterance = JsonBodies.customerText(userRequest, "utterance", "userRequest.utterance");
        JsonNode user = JsonBodies.requiredObject(userRequest, "user", "userRequest.user.id");
        String botUserKey = JsonBodies.requiredId(user, "id", "userRequest.user.id", MAX_ID_LENGTH);
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
        Optional<String> value = JsonBodies.optionalString(userRequest, "callbackUrl", "userRequest.callbackUrl");
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

    private static Optional<String> optionalId(JsonNode node, String field, String path) {
        return JsonBodies.optionalString(node, field, path).filter(text -> !text.isBlank())
                .flatMap(text -> JsonBodies.optionalShortString(node, field, path, MAX_ID_LENGTH));
    }
}
