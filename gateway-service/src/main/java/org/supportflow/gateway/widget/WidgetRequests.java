package org.supportflow.gateway.widget;

import com.fasterxml.jackson.databind.JsonNode;
import org.supportflow.gateway.ingest.JsonBodies;
import org.supportflow.web.ApiException;
import org.supportflow.web.ErrorCodes;

import java.util.Optional;
import java.util.regex.Pattern;

/** Parses and validates the widget API's request bodies; anything wrong is a 400 naming the field. */
public final class WidgetRequests {

    /** The largest body the widget API reads (a message of 4,000 characters of UTF-8 and its envelope). */
    public static final int MAX_BODY_BYTES = 16_384;
    static final int MAX_USER_ID_LENGTH = 200;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,100}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

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
        String id = JsonBodies.requiredId(user, "id", "user.id", MAX_USER_ID_LENGTH);
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
        String text = JsonBodies.customerText(root, "text", "text");
        Optional<String> locale = optionalText(root, "locale", 35);
        if (locale.isPresent() && !LOCALE.matcher(locale.get()).matches()) {
            throw ApiException.badRequest("invalid_field", "locale must be a language tag such as ko-KR");
        }
        return new MessageRequest(clientId, text, locale);
    }

    private static JsonNode object(byte[] body, boolean emptyAllowed) {
        if (body == null || body.length == 0) {
            if (emptyAllowed) {
                return JsonBodies.emptyObject();
            }
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "the body must be a JSON object");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.payloadTooLarge(MAX_BODY_BYTES);
        }
        return JsonBodies.object(body);
    }

    private static Optional<String> optionalText(JsonNode node, String field, int maxLength) {
        return JsonBodies.optionalShortString(node, field, field, maxLength);
    }
}
