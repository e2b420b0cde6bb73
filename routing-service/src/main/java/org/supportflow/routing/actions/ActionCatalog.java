package org.supportflow.routing.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.supportflow.contracts.events.DomainActivatedEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The actions of the active domain, read from the bundle the NLU published on {@code nlu.domain}
 * ({@link DomainActivatedEvent#bundleZip()}, its {@code domain.json}): the definitions travel with the bundle,
 * so no contract field was added for them. An action that does not parse is left out (and reported), the
 * others serve; the NLU's validation reports the same problems with file and line before a bundle is promoted.
 */
public final class ActionCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest a bundle may ask for; routing's own cap ({@code routing.actions.max-timeout}) applies too. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, ActionSpec> byIntent;
    private final Map<String, ActionSpec> byName;
    private final List<String> problems;

    private ActionCatalog(List<ActionSpec> actions, List<String> problems) {
        Map<String, ActionSpec> intents = new LinkedHashMap<>();
        Map<String, ActionSpec> names = new LinkedHashMap<>();
        for (ActionSpec a : actions) {
            intents.put(a.intent(), a);
            names.put(a.name(), a);
        }
        this.byIntent = Map.copyOf(intents);
        this.byName = Map.copyOf(names);
        this.problems = List.copyOf(problems);
    }

    public static ActionCatalog empty() {
        return new ActionCatalog(List.of(), List.of());
    }

    public static ActionCatalog of(List<ActionSpec> actions) {
        return new ActionCatalog(actions, List.of());
    }

    /** The actions of the bundle the event carries; empty without a bundle. */
    public static ActionCatalog from(DomainActivatedEvent event) {
        if (event.bundleZip() == null || event.bundleZip().isBlank()) {
            return empty();
        }
        try {
            byte[] zip = Base64.getDecoder().decode(event.bundleZip());
            Optional<String> domainJson = entry(zip, "domain.json");
            return domainJson.map(ActionCatalog::parse).orElseGet(ActionCatalog::empty);
        } catch (IllegalArgumentException | IOException e) {
            return new ActionCatalog(List.of(), List.of("the bundle cannot be read: " + e.getClass().getSimpleName()));
        }
    }

    /** Parses {@code domain.json}'s actions. */
    public static ActionCatalog parse(String domainJson) {
        List<ActionSpec> actions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(domainJson);
        } catch (IOException e) {
            return new ActionCatalog(List.of(), List.of("domain.json is not valid JSON"));
        }
        JsonNode intents = root.path("intents");
        for (int i = 0; i < intents.size(); i++) {
            JsonNode intent = intents.get(i);
            JsonNode action = intent.get("action");
            if (action == null || action.isNull()) {
                continue;
            }
            String at = "/intents/" + i + "/action";
            try {
                actions.add(parseAction(intent.path("name").asText(), action, at));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
        return new ActionCatalog(actions, problems);
    }

    static ActionSpec parseAction(String intent, JsonNode a, String at) {
        String name = required(a, "name");
        if (!name.matches("[a-z][a-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("name: lower-case letters, digits and _ (at most 48)");
        }
        String system = required(a, "system");
        if (!system.matches("[a-z][a-z0-9-]{0,47}")) {
            throw new IllegalArgumentException("system: lower-case letters, digits and - (at most 48)");
        }
        String method = a.path("method").asText("GET").toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("method: GET or POST");
        }
        String path = required(a, "path");
        if (!path.startsWith("/") || path.contains("://")) {
            throw new IllegalArgumentException("path: a path starting with / (the system's base URL is configuration)");
        }
        long timeoutMs = a.path("timeoutMs").asLong(2000);
        if (timeoutMs < 100 || timeoutMs > MAX_TIMEOUT.toMillis()) {
            throw new IllegalArgumentException("timeoutMs: between 100 and " + MAX_TIMEOUT.toMillis());
        }
        ActionSpec.Identity identity = switch (a.path("identity").asText("none")) {
            case "none" -> ActionSpec.Identity.NONE;
            case "verified" -> ActionSpec.Identity.VERIFIED;
            default -> throw new IllegalArgumentException("identity: none or verified");
        };
        ActionSpec.OnFailure onFailure = switch (a.path("onFailure").asText("handoff")) {
            case "handoff" -> ActionSpec.OnFailure.HANDOFF;
            case "answer" -> ActionSpec.OnFailure.ANSWER;
            default -> throw new IllegalArgumentException("onFailure: handoff or answer");
        };
        List<ActionSpec.Slot> slots = new ArrayList<>();
        for (JsonNode s : a.path("slots")) {
            String slotName = required(s, "name");
            Pattern pattern;
            try {
                pattern = Pattern.compile(required(s, "pattern"));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("slot " + slotName + ": pattern is not a regular expression");
            }
            slots.add(new ActionSpec.Slot(slotName, s.path("entity").asText(null), pattern, texts(s.path("ask"))));
        }
        for (ActionSpec.Slot s : slots) {
            if (s.ask().isEmpty()) {
                throw new IllegalArgumentException("slot " + s.name() + ": ask (per language) is missing");
            }
        }
        Map<String, ActionSpec.Answers> answers = new HashMap<>();
        a.path("answers").fields().forEachRemaining(e -> {
            JsonNode t = e.getValue();
            Map<Integer, String> byStatus = new HashMap<>();
            t.path("status").fields().forEachRemaining(st -> {
                try {
                    byStatus.put(Integer.parseInt(st.getKey()), st.getValue().asText());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("answers." + e.getKey() + ".status: keys are HTTP statuses");
                }
            });
            answers.put(e.getKey(), new ActionSpec.Answers(required(t, "ok"), byStatus,
                    t.path("missing").asText(null), required(t, "failed"), t.path("identity").asText(null)));
        });
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("answers (per language) are missing");
        }
        if (identity == ActionSpec.Identity.VERIFIED && answers.values().stream().anyMatch(x -> x.identity() == null)) {
            throw new IllegalArgumentException("answers: an action needing a verified identity says so (identity)");
        }
        return new ActionSpec(name, intent, system, method, path, Duration.ofMillis(timeoutMs), identity, onFailure,
                slots, answers);
    }

    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> texts = new HashMap<>();
        node.fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
        return texts;
    }

    private static String required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.asText();
    }

    private static Optional<String> entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String entryName = e.getName();
                if (entryName.equals(name) || entryName.endsWith("/" + name)) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }

    public Optional<ActionSpec> forIntent(String intent) {
        return Optional.ofNullable(intent == null ? null : byIntent.get(intent));
    }

    public Optional<ActionSpec> named(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public List<ActionSpec> all() {
        return List.copyOf(byName.values());
    }

    /** Actions left out, with why (logged when the domain is applied). */
    public List<String> problems() {
        return problems;
    }
}
