package org.supportflow.routing.actions;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an answer template with fields of the system's JSON response: {@code {carrier}} or
 * {@code {delivery.eta}} (a dot path). A field that is missing, null, an object or an array makes the whole
 * template unusable (empty), so the caller answers with the action's {@code missing} text instead of a
 * half-filled sentence. Values are inserted as text (the reply is plain text everywhere it is shown).
 */
public final class AnswerTemplate {

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)}");
    private static final int MAX_VALUE_LENGTH = 200;

    private AnswerTemplate() {
    }

    public static Optional<String> render(String template, JsonNode response) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode node = response;
            for (String part : m.group(1).split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            if (node == null || node.isNull() || node.isContainerNode()) {
                return Optional.empty();
            }
            String value = node.asText();
            if (value.length() > MAX_VALUE_LENGTH) {
                value = value.substring(0, MAX_VALUE_LENGTH);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }
}
