package org.supportflow.nlu.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validation of an intent's {@code action} (issue 15) in {@code domain.json}: the NLU does not run actions (routing
 * does, reading them from the bundle published on {@code nlu.domain}), but a bundle with a broken action is
 * refused here, with file and line, before it is promoted. The same rules as routing's parser
 * ({@code org.supportflow.routing.actions.ActionCatalog}); the format is in domains/README.md, "Actions".
 */
final class ActionRules {

    private static final Set<String> FIELDS = Set.of("name", "system", "method", "path", "timeoutMs", "identity",
            "onFailure", "slots", "answers");
    private static final Set<String> SLOT_FIELDS = Set.of("name", "entity", "pattern", "ask");
    private static final Set<String> ANSWER_FIELDS = Set.of("ok", "status", "missing", "failed", "identity");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    private static final Pattern SYSTEM = Pattern.compile("[a-z][a-z0-9-]{0,47}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    private ActionRules() {
    }

    /**
     * @param error   (JSON pointer, message) of an error
     * @param warning (JSON pointer, message) of a warning
     */
    static void check(JsonNode a, String at, List<String> languages, BiConsumer<String, String> error,
                      BiConsumer<String, String> warning) {
        if (!a.isObject()) {
            error.accept(at, "must be an object");
            return;
        }
        a.fieldNames().forEachRemaining(field -> {
            if (field.equalsIgnoreCase("headers") || field.equalsIgnoreCase("url")) {
                error.accept(at + "/" + field, "hosts and credentials are not part of a bundle: name the system "
                        + "(\"system\") and configure its base URL and headers in routing");
            } else if (!FIELDS.contains(field)) {
                warning.accept(at + "/" + field, "unknown field, ignored");
            }
        });
        if (!textMatches(a, "name", NAME)) {
            error.accept(at + "/name", "\"name\" is required: lower-case letters, digits and '_' (at most 48)");
        }
        if (!textMatches(a, "system", SYSTEM)) {
            error.accept(at + "/system", "\"system\" is required: lower-case letters, digits and '-' (at most 48)");
        }
        String method = a.path("method").asText("GET").toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            error.accept(at + "/method", "must be GET or POST");
        }
        String path = a.path("path").asText("");
        if (!path.startsWith("/") || path.contains("://")) {
            error.accept(at + "/path", "\"path\" is required: a path starting with / (the base URL is routing's)");
        }
        long timeout = a.path("timeoutMs").asLong(2000);
        if (timeout < 100 || timeout > 10_000) {
            error.accept(at + "/timeoutMs", "must be between 100 and 10000 (and fit the channels' reply budget)");
        }
        String identity = a.path("identity").asText("none");
        if (!identity.equals("none") && !identity.equals("verified")) {
            error.accept(at + "/identity", "must be \"none\" or \"verified\"");
        }
        String onFailure = a.path("onFailure").asText("handoff");
        if (!onFailure.equals("handoff") && !onFailure.equals("answer")) {
            error.accept(at + "/onFailure", "must be \"handoff\" or \"answer\"");
        }
        JsonNode slots = a.path("slots");
        java.util.Set<String> slotNames = new java.util.HashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            JsonNode s = slots.get(i);
            String sat = at + "/slots/" + i;
            s.fieldNames().forEachRemaining(field -> {
                if (!SLOT_FIELDS.contains(field)) {
                    warning.accept(sat + "/" + field, "unknown field, ignored");
                }
            });
            if (!textMatches(s, "name", NAME)) {
                error.accept(sat + "/name", "\"name\" is required: lower-case letters, digits and '_'");
            } else {
                slotNames.add(s.get("name").asText());
            }
            try {
                Pattern.compile(s.path("pattern").asText(""));
                if (s.path("pattern").asText("").isEmpty()) {
                    error.accept(sat + "/pattern", "\"pattern\" is required: the slot's validation pattern");
                }
            } catch (PatternSyntaxException e) {
                error.accept(sat + "/pattern", "not a valid regular expression: " + e.getDescription());
            }
            for (String lang : languages) {
                if (s.path("ask").path(lang).asText("").isBlank()) {
                    error.accept(sat + "/ask", "the question for a missing value is required in " + lang);
                }
            }
        }
        java.util.regex.Matcher m = PLACEHOLDER.matcher(path);
        while (m.find()) {
            if (!slotNames.contains(m.group(1))) {
                error.accept(at + "/path", "{" + m.group(1) + "} is not a slot of the action");
            }
        }
        JsonNode answers = a.path("answers");
        for (String lang : languages) {
            JsonNode t = answers.path(lang);
            String lat = at + "/answers/" + lang;
            if (!t.isObject()) {
                error.accept(at + "/answers", "the answers in " + lang + " are required");
                continue;
            }
            t.fieldNames().forEachRemaining(field -> {
                if (!ANSWER_FIELDS.contains(field)) {
                    warning.accept(lat + "/" + field, "unknown field, ignored");
                }
            });
            if (t.path("ok").asText("").isBlank()) {
                error.accept(lat, "\"ok\" (the answer rendered from the response) is required");
            }
            if (t.path("failed").asText("").isBlank()) {
                error.accept(lat, "\"failed\" (the honest answer when the system fails) is required");
            }
            if (identity.equals("verified") && t.path("identity").asText("").isBlank()) {
                error.accept(lat, "\"identity\" (what the customer needs to do first) is required");
            }
            if (t.path("missing").asText("").isBlank()) {
                warning.accept(lat, "no \"missing\" answer: a response without a field gets the \"failed\" one");
            }
            t.path("status").fieldNames().forEachRemaining(code -> {
                if (!code.matches("[1-4]\\d\\d")) {
                    error.accept(lat + "/status", code + " is not an HTTP status below 500 (5xx is \"failed\")");
                }
            });
        }
    }

    private static boolean textMatches(JsonNode node, String field, Pattern pattern) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && pattern.matcher(v.asText()).matches();
    }
}
