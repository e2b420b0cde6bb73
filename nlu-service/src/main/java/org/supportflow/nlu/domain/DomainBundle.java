package org.supportflow.nlu.domain;

import org.supportflow.contracts.events.DomainActivatedEvent;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.kb.KnowledgeBase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A validated domain bundle: what the bot of one company knows. Built by {@link BundleLoader} only.
 *
 * <pre>
 * domain.json          name, version, languages, floor, intents (route, priority, skills), entities,
 *                      fallback quick replies
 * train-&lt;lang&gt;.tsv     training examples, {@code <intent>\t<text>} per line
 * heldout-&lt;lang&gt;.tsv   held-out examples (never trained on): the report and the floor are measured on them
 * faq-&lt;lang&gt;.json      answers with quick replies (the knowledge-base format)
 * </pre>
 */
public record DomainBundle(
        String name,
        String version,
        String description,
        List<String> languages,
        double accuracyFloor,
        List<IntentSpec> intents,
        Map<String, List<Example>> training,
        Map<String, List<Example>> heldout,
        KnowledgeBase knowledgeBase,
        List<EntityPattern> entities,
        Map<String, List<String>> fallbackQuickReplies,
        BundleFiles files) {

    public static final String DOMAIN_FILE = "domain.json";

    /** One intent of the bundle and its routing policy. */
    public record IntentSpec(String name, String description, String route, Priority priority, List<String> skills,
                             boolean personWhenNegative, boolean personForVip, boolean sensitive) {
        public static final String BOT = "bot";
        public static final String PERSON = "person";

        public boolean toPerson() {
            return PERSON.equals(route);
        }
    }

    /** One example with where it was written. */
    public record Example(String intent, String text, String file, int line) {
        public LabeledText labeled() {
            return new LabeledText(intent, text);
        }
    }

    /** An entity pattern of the bundle: the whole match (or its first group) is the value. */
    public record EntityPattern(String type, Pattern pattern) {
    }

    public static String trainFile(String language) {
        return "train-" + language + ".tsv";
    }

    public static String heldoutFile(String language) {
        return "heldout-" + language + ".tsv";
    }

    public static String faqFile(String language) {
        return "faq-" + language + ".json";
    }

    /** Every file name the format knows for these languages, {@code domain.json} first. */
    public static List<String> fileNames(List<String> languages) {
        List<String> names = new ArrayList<>();
        names.add(DOMAIN_FILE);
        for (String language : languages) {
            names.add(trainFile(language));
            names.add(heldoutFile(language));
            names.add(faqFile(language));
        }
        return names;
    }

    /** The bundle's version and the first 8 hex digits of its content hash: an edit is always visible. */
    public String versionTag() {
        return version + "#" + files.contentHash().substring(0, 8);
    }

    public Set<String> intentNames() {
        return intents.stream().map(IntentSpec::name).collect(Collectors.toUnmodifiableSet());
    }

    /** The training examples, language by language in the order of {@link #languages()}. */
    public List<LabeledText> trainingExamples() {
        List<LabeledText> out = new ArrayList<>();
        for (String language : languages) {
            training.getOrDefault(language, List.of()).forEach(e -> out.add(e.labeled()));
        }
        return out;
    }

    public Map<String, List<LabeledText>> heldoutByLanguage() {
        Map<String, List<LabeledText>> out = new LinkedHashMap<>();
        for (String language : languages) {
            out.put(language, heldout.getOrDefault(language, List.of()).stream().map(Example::labeled).toList());
        }
        return out;
    }

    /** The policy that routing applies, as carried by {@link DomainActivatedEvent}. */
    public List<DomainActivatedEvent.IntentPolicy> policy() {
        return intents.stream().map(i -> new DomainActivatedEvent.IntentPolicy(i.name(), i.description(), i.route(),
                i.priority() == null ? null : i.priority().name(), i.skills(), i.personWhenNegative(),
                i.personForVip(), i.sensitive())).toList();
    }
}
