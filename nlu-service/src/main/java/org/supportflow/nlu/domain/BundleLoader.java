package org.supportflow.nlu.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.supportflow.contracts.taxonomy.Intent;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.nlu.kb.KbAnswer;
import org.supportflow.nlu.kb.KnowledgeBase;
import org.supportflow.nlu.kb.KnowledgeBaseException;
import org.supportflow.nlu.kb.KnowledgeBaseLoader;
import org.supportflow.nlu.language.LanguageDetector;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates a domain bundle ({@link DomainBundle}). Every problem is reported with its file and,
 * where it has one, its line; errors refuse the bundle, warnings come with it:
 * <ul>
 *   <li>errors: unreadable or malformed files, a missing file of a declared language, an intent used but not
 *       declared, a declared intent without training examples, a reserved intent missing or with another
 *       route, bad routes, priorities, names or entity patterns;</li>
 *   <li>warnings: intents with too few training or held-out examples, the same text under two intents,
 *       held-out lines that also appear in training (they would flatter the report), bot-routed intents
 *       without a default answer, files the format does not know.</li>
 * </ul>
 * Plain class, no framework.
 */
public final class BundleLoader {

    /** Fewer training examples than this per intent and language: a warning. */
    public static final int MIN_TRAINING_EXAMPLES = 10;
    /** Fewer held-out examples than this per intent and language: a warning. */
    public static final int MIN_HELDOUT_EXAMPLES = 2;
    public static final int MAX_TEXT_LENGTH = 4000;
    private static final Pattern BUNDLE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Set<String> DOMAIN_FIELDS = Set.of("name", "version", "description", "languages", "floor",
            "intents", "fallbackQuickReplies", "entities");
    private static final Set<String> INTENT_FIELDS = Set.of("name", "description", "route", "priority", "skills",
            "personWhenNegative", "personForVip", "sensitive", "action");

    private final ObjectMapper mapper = JsonMapper.builder().build();

    /** The outcome: a bundle when there is no error, and every finding. */
    public record Result(DomainBundle bundle, List<BundleIssue> errors, List<BundleIssue> warnings) {
        public Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        /** The bundle, or a {@link BundleException} listing the errors. */
        public DomainBundle orThrow() {
            if (!valid()) {
                throw new BundleException("invalid domain bundle: " + String.join("; ",
                        errors.stream().limit(10).map(BundleIssue::toString).toList()));
            }
            return bundle;
        }
    }

    public Result load(BundleFiles files) {
        Findings f = new Findings();
        byte[] domainBytes = files.file(DomainBundle.DOMAIN_FILE).orElse(null);
        if (domainBytes == null) {
            f.error(DomainBundle.DOMAIN_FILE, 0, "missing: every bundle has a domain.json");
            return f.result(null);
        }
        String domainText = utf8(domainBytes, DomainBundle.DOMAIN_FILE, f);
        if (domainText == null) {
            return f.result(null);
        }
        Map<String, Integer> lines;
        JsonNode root;
        try {
            lines = lineIndex(domainText);
            root = mapper.readTree(domainText);
        } catch (JsonProcessingException e) {
            f.error(DomainBundle.DOMAIN_FILE, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON (" + e.getOriginalMessage() + ")");
            return f.result(null);
        }
        Domain domain = new Domain(f, lines);
        if (root == null || !root.isObject()) {
            f.error(DomainBundle.DOMAIN_FILE, 1, "must be a JSON object");
            return f.result(null);
        }
        domain.read(root);
        if (domain.languages.isEmpty()) {
            return f.result(null);
        }
        Set<String> known = new LinkedHashSet<>(DomainBundle.fileNames(domain.languages));
        for (String name : files.all().keySet()) {
            if (!known.contains(name) && !name.equalsIgnoreCase("README.md")) {
                f.warning(name, 0, "not a file of the bundle format; ignored");
            }
        }
        Set<String> intentNames = new LinkedHashSet<>();
        domain.intents.forEach(i -> intentNames.add(i.name()));
        Map<String, List<DomainBundle.Example>> training = new LinkedHashMap<>();
        Map<String, List<DomainBundle.Example>> heldout = new LinkedHashMap<>();
        Map<String, byte[]> faqs = new LinkedHashMap<>();
        for (String language : domain.languages) {
            training.put(language, examples(files, DomainBundle.trainFile(language), intentNames, f));
            heldout.put(language, examples(files, DomainBundle.heldoutFile(language), intentNames, f));
            String faq = DomainBundle.faqFile(language);
            files.file(faq).ifPresentOrElse(bytes -> faqs.put(faq, bytes),
                    () -> f.error(faq, 0, "missing: the answers in " + language));
        }
        checkExamples(domain, training, heldout, f);
        KnowledgeBase kb = null;
        if (faqs.size() == domain.languages.size()) {
            kb = answers(faqs, domain, files, f);
        }
        if (!f.errors.isEmpty()) {
            return f.result(null);
        }
        return f.result(new DomainBundle(domain.name, domain.version, domain.description,
                List.copyOf(domain.languages), domain.floor, List.copyOf(domain.intents), training, heldout, kb,
                List.copyOf(domain.entities), domain.fallbackQuickReplies, files));
    }

    // ------------------------------------------------------------------------------------------ domain.json

    private final class Domain {
        final Findings f;
        final Map<String, Integer> lines;
        String name;
        String version;
        String description = "";
        List<String> languages = new ArrayList<>();
        double floor = 0.5;
        List<DomainBundle.IntentSpec> intents = new ArrayList<>();
        List<DomainBundle.EntityPattern> entities = new ArrayList<>();
        Map<String, List<String>> fallbackQuickReplies = new LinkedHashMap<>();

        Domain(Findings f, Map<String, Integer> lines) {
            this.f = f;
            this.lines = lines;
        }

        void error(String pointer, String message) {
            f.error(DomainBundle.DOMAIN_FILE, line(pointer), where(pointer) + message);
        }

        void warning(String pointer, String message) {
            f.warning(DomainBundle.DOMAIN_FILE, line(pointer), where(pointer) + message);
        }

        int line(String pointer) {
            String p = pointer;
            while (true) {
                Integer line = lines.get(p);
                if (line != null) {
                    return line;
                }
                int slash = p.lastIndexOf('/');
                if (slash < 0) {
                    return 1;
                }
                p = p.substring(0, slash);
            }
        }

        String where(String pointer) {
            return pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.') + ": ";
        }

        void read(JsonNode root) {
            root.fieldNames().forEachRemaining(field -> {
                if (!DOMAIN_FIELDS.contains(field)) {
                    warning("/" + field, "unknown field, ignored (known: " + new TreeMap<>(
                            DOMAIN_FIELDS.stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> k)))
                            .keySet() + ")");
                }
            });
            name = text(root, "name");
            if (name == null || !BUNDLE_NAME.matcher(name).matches()) {
                error("/name", "\"name\" is required: lower-case letters, digits, '-' or '_', at most 40");
            }
            version = text(root, "version");
            if (version == null || version.isBlank() || version.length() > 64) {
                error("/version", "\"version\" is required (at most 64 characters), e.g. 2026-12-06.1");
            }
            String d = text(root, "description");
            description = d == null ? "" : d;
            JsonNode langs = root.get("languages");
            if (langs == null || !langs.isArray() || langs.isEmpty()) {
                error("/languages", "\"languages\" is required: a list of " + LanguageDetector.SUPPORTED);
            } else {
                for (int i = 0; i < langs.size(); i++) {
                    String lang = langs.get(i).isTextual() ? langs.get(i).asText() : null;
                    if (lang == null || !LanguageDetector.SUPPORTED.contains(lang)) {
                        error("/languages/" + i, "not a supported language (" + LanguageDetector.SUPPORTED + ")");
                    } else if (languages.contains(lang)) {
                        error("/languages/" + i, "listed twice");
                    } else {
                        languages.add(lang);
                    }
                }
            }
            JsonNode floorNode = root.path("floor").path("heldoutAccuracy");
            if (!floorNode.isMissingNode()) {
                if (!floorNode.isNumber() || floorNode.asDouble() < 0 || floorNode.asDouble() > 1) {
                    error("/floor/heldoutAccuracy", "must be a number within 0..1");
                } else {
                    floor = floorNode.asDouble();
                }
            }
            readIntents(root.get("intents"));
            readEntities(root.get("entities"));
            JsonNode quick = root.get("fallbackQuickReplies");
            if (quick != null && quick.isObject()) {
                quick.fieldNames().forEachRemaining(lang -> {
                    List<String> buttons = strings(quick.get(lang), "/fallbackQuickReplies/" + lang);
                    if (buttons.size() > 4) {
                        error("/fallbackQuickReplies/" + lang, "at most 4 quick replies");
                    }
                    fallbackQuickReplies.put(lang, buttons);
                });
            } else if (quick != null) {
                error("/fallbackQuickReplies", "must be an object: language -> list of buttons");
            }
            for (String lang : languages) {
                if (!fallbackQuickReplies.containsKey(lang)) {
                    warning("/fallbackQuickReplies", "no quick replies for \"" + lang + "\": the fallback offers none");
                }
            }
        }

        void readIntents(JsonNode node) {
            if (node == null || !node.isArray() || node.isEmpty()) {
                error("/intents", "\"intents\" is required: a non-empty list");
                return;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                String at = "/intents/" + i;
                JsonNode in = node.get(i);
                if (!in.isObject()) {
                    error(at, "must be an object");
                    continue;
                }
                in.fieldNames().forEachRemaining(field -> {
                    if (!INTENT_FIELDS.contains(field)) {
                        warning(at + "/" + field, "unknown field, ignored");
                    }
                });
                String intent = text(in, "name");
                if (!Intent.isWellFormedName(intent)) {
                    error(at + "/name", "\"name\" is required: lower-case letters, digits and '_', "
                            + "starting with a letter, at most 48");
                    continue;
                }
                if (!seen.add(intent)) {
                    error(at + "/name", "intent \"" + intent + "\" is declared twice");
                    continue;
                }
                String route = text(in, "route");
                if (!DomainBundle.IntentSpec.BOT.equals(route) && !DomainBundle.IntentSpec.PERSON.equals(route)) {
                    error(at + "/route", "\"route\" of " + intent + " must be \"bot\" or \"person\"");
                    continue;
                }
                Priority priority = null;
                String p = text(in, "priority");
                if (p != null) {
                    try {
                        priority = Priority.valueOf(p.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        error(at + "/priority", "\"priority\" of " + intent + " must be LOW, NORMAL, HIGH or URGENT");
                    }
                }
                if (in.has("action")) {
                    ActionRules.check(in.get("action"), at + "/action", List.copyOf(languages), this::error,
                            this::warning);
                }
                List<String> skills = strings(in.get("skills"), at + "/skills");
                boolean person = DomainBundle.IntentSpec.PERSON.equals(route);
                intents.add(new DomainBundle.IntentSpec(intent, textOr(in, "description", ""), route, priority,
                        skills, in.path("personWhenNegative").asBoolean(false), in.path("personForVip").asBoolean(false),
                        in.path("sensitive").asBoolean(person)));
            }
            for (Intent reserved : Intent.values()) {
                String expected = reserved.defaultRoute() == Intent.DefaultRoute.HUMAN
                        ? DomainBundle.IntentSpec.PERSON : DomainBundle.IntentSpec.BOT;
                intents.stream().filter(i -> i.name().equals(reserved.wireName())).findFirst().ifPresentOrElse(
                        i -> {
                            if (!i.route().equals(expected)) {
                                error("/intents", "reserved intent " + reserved.wireName() + " must have route \""
                                        + expected + "\"");
                            }
                        },
                        () -> error("/intents", "the reserved intent " + reserved.wireName()
                                + " must be declared (route \"" + expected + "\") and have examples"));
            }
            if (intents.stream().allMatch(i -> Intent.isReserved(i.name()))) {
                error("/intents", "no intent of the domain besides the reserved ones");
            }
        }

        void readEntities(JsonNode node) {
            if (node == null) {
                return;
            }
            if (!node.isArray()) {
                error("/entities", "must be a list of {\"type\", \"pattern\"}");
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                String at = "/entities/" + i;
                String type = text(node.get(i), "type");
                String pattern = text(node.get(i), "pattern");
                if (!Intent.isWellFormedName(type)) {
                    error(at + "/type", "\"type\" is required: lower-case letters, digits and '_'");
                    continue;
                }
                if (pattern == null || pattern.isEmpty() || pattern.length() > 300) {
                    error(at + "/pattern", "\"pattern\" is required (a regular expression, at most 300 characters)");
                    continue;
                }
                try {
                    entities.add(new DomainBundle.EntityPattern(type, Pattern.compile(pattern,
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
                } catch (PatternSyntaxException e) {
                    error(at + "/pattern", "not a valid regular expression (" + e.getDescription() + ")");
                }
            }
        }

        List<String> strings(JsonNode node, String at) {
            List<String> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isArray()) {
                error(at, "must be a list of texts");
                return out;
            }
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
                    error(at + "/" + i, "must be a non-empty text");
                } else {
                    out.add(node.get(i).asText().strip());
                }
            }
            return out;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText().strip() : null;
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null ? fallback : value;
    }

    /** JSON pointer of every value → its line, from a streaming pass. */
    private static Map<String, Integer> lineIndex(String json) throws JsonProcessingException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                        parser.currentTokenLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    // ------------------------------------------------------------------------------------------ examples

    private static List<DomainBundle.Example> examples(BundleFiles files, String name, Set<String> intents,
                                                       Findings f) {
        byte[] bytes = files.file(name).orElse(null);
        if (bytes == null) {
            f.error(name, 0, "missing: a declared language needs its training and held-out files");
            return List.of();
        }
        String text = utf8(bytes, name, f);
        if (text == null) {
            return List.of();
        }
        List<DomainBundle.Example> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            int unknownReported = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                    f.error(name, number, "expected <intent><TAB><text>");
                    continue;
                }
                String intent = line.substring(0, tab).strip();
                String example = line.substring(tab + 1).strip();
                if (!intents.contains(intent)) {
                    if (unknownReported++ < 20) {
                        f.error(name, number, "intent \"" + shorten(intent) + "\" is not declared in domain.json");
                    }
                    continue;
                }
                if (example.length() > MAX_TEXT_LENGTH) {
                    f.error(name, number, "longer than " + MAX_TEXT_LENGTH + " characters");
                    continue;
                }
                out.add(new DomainBundle.Example(intent, example, name, number));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void checkExamples(Domain domain, Map<String, List<DomainBundle.Example>> training,
                                      Map<String, List<DomainBundle.Example>> heldout, Findings f) {
        for (String language : domain.languages) {
            String trainFile = DomainBundle.trainFile(language);
            String heldoutFile = DomainBundle.heldoutFile(language);
            Map<String, Integer> trainCount = new HashMap<>();
            Map<String, Integer> heldoutCount = new HashMap<>();
            training.get(language).forEach(e -> trainCount.merge(e.intent(), 1, Integer::sum));
            heldout.get(language).forEach(e -> heldoutCount.merge(e.intent(), 1, Integer::sum));
            for (DomainBundle.IntentSpec intent : domain.intents) {
                int n = trainCount.getOrDefault(intent.name(), 0);
                if (n == 0) {
                    f.error(trainFile, 0, "intent " + intent.name() + " has no training examples");
                } else if (n < MIN_TRAINING_EXAMPLES) {
                    f.warning(trainFile, 0, "intent " + intent.name() + " has only " + n + " training examples "
                            + "(at least " + MIN_TRAINING_EXAMPLES + " recommended)");
                }
                int h = heldoutCount.getOrDefault(intent.name(), 0);
                if (h < MIN_HELDOUT_EXAMPLES) {
                    f.warning(heldoutFile, 0, "intent " + intent.name() + " has " + h + " held-out examples "
                            + "(at least " + MIN_HELDOUT_EXAMPLES + " recommended): its recall is not measured well");
                }
            }
            Map<String, DomainBundle.Example> seen = new HashMap<>();
            int conflicts = 0;
            for (DomainBundle.Example e : training.get(language)) {
                DomainBundle.Example before = seen.putIfAbsent(key(e.text()), e);
                if (before != null && !before.intent().equals(e.intent()) && conflicts++ < 20) {
                    f.warning(trainFile, e.line(), "the same text is under " + before.intent() + " (line "
                            + before.line() + ") and " + e.intent());
                }
            }
            int leaks = 0;
            Map<String, DomainBundle.Example> heldSeen = new HashMap<>();
            for (DomainBundle.Example e : heldout.get(language)) {
                DomainBundle.Example trained = seen.get(key(e.text()));
                if (trained != null && leaks++ < 20) {
                    f.warning(heldoutFile, e.line(), "leaks into training: the same text is " + trainFile + ":"
                            + trained.line() + " (the report would flatter the model)");
                }
                DomainBundle.Example other = heldSeen.putIfAbsent(key(e.text()), e);
                if (other != null && !other.intent().equals(e.intent())) {
                    f.warning(heldoutFile, e.line(), "the same text is under " + other.intent() + " (line "
                            + other.line() + ") and " + e.intent());
                }
            }
        }
    }

    /** Case, spacing and trailing punctuation do not make two examples different. */
    static String key(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("[\\s.!?~]+$", "").strip();
    }

    // ------------------------------------------------------------------------------------------ answers

    private static KnowledgeBase answers(Map<String, byte[]> faqs, Domain domain, BundleFiles files, Findings f) {
        KnowledgeBase kb;
        try {
            kb = new KnowledgeBaseLoader().parse(faqs, files.source());
        } catch (KnowledgeBaseException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            String file = colon > 0 && faqs.containsKey(message.substring(0, colon)) ? message.substring(0, colon) : null;
            f.error(file, 0, file == null ? message : message.substring(colon + 2));
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        domain.intents.forEach(i -> names.add(i.name()));
        for (String language : domain.languages) {
            String faq = DomainBundle.faqFile(language);
            String text = new String(faqs.get(faq), StandardCharsets.UTF_8);
            if (!kb.languages().contains(language)) {
                f.error(faq, 0, "declares another \"language\" than " + language);
                continue;
            }
            Set<String> answered = new LinkedHashSet<>();
            for (Iterator<String> it = allIntents(kb, language).iterator(); it.hasNext(); ) {
                String intent = it.next();
                answered.add(intent);
                if (!names.contains(intent)) {
                    f.error(faq, lineOf(text, "\"" + intent + "\""), "answer for intent \"" + shorten(intent)
                            + "\", which domain.json does not declare");
                }
            }
            for (DomainBundle.IntentSpec intent : domain.intents) {
                List<KbAnswer> answers = kb.answers(language, intent.name());
                boolean hasDefault = answers.stream().anyMatch(a -> a.id().equals(intent.name() + ".default"));
                boolean hasHandoff = answers.stream().anyMatch(a -> a.id().equals(intent.name() + ".handoff"));
                if (!intent.toPerson() && !hasDefault) {
                    f.warning(faq, 0, "bot-routed intent " + intent.name() + " has no \"" + intent.name()
                            + ".default\" answer: the bot can only fall back");
                } else if (intent.toPerson() && !hasHandoff && !hasDefault) {
                    f.warning(faq, 0, "intent " + intent.name() + " goes to a person but has no \"" + intent.name()
                            + ".handoff\" answer");
                }
            }
        }
        return kb;
    }

    private static Set<String> allIntents(KnowledgeBase kb, String language) {
        return kb.intents(language);
    }

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        if (at < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static String utf8(byte[] bytes, String name, Findings f) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            f.error(name, 0, "not UTF-8 text");
            return null;
        }
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 48 ? clean.substring(0, 48) + "…" : clean;
    }

    private static final class Findings {
        final List<BundleIssue> errors = new ArrayList<>();
        final List<BundleIssue> warnings = new ArrayList<>();

        void error(String file, int line, String message) {
            if (errors.size() < 200) {
                errors.add(BundleIssue.error(file, line, message));
            }
        }

        void warning(String file, int line, String message) {
            if (warnings.size() < 200) {
                warnings.add(BundleIssue.warning(file, line, message));
            }
        }

        Result result(DomainBundle bundle) {
            return new Result(bundle, errors, warnings);
        }
    }
}
