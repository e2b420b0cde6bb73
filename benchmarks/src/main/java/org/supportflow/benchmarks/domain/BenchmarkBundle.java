package org.supportflow.benchmarks.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supportflow.nlu.classify.LabeledText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A public English intent data set written as a domain bundle, the way a company would write its own: every
 * label becomes a bot intent with a placeholder answer, the test split becomes the held-out file, and the two
 * reserved intents get a few examples written for the benchmark (the data sets have neither). The files are
 * built in memory and sent to the NLU's admin API; nothing of the data set is written to disk.
 */
final class BenchmarkBundle {

    /** Asking for a person: the platform's reserved intent, absent from the data sets. */
    static final List<String> HUMAN_AGENT = List.of(
            "can I talk to a real person", "I want to speak to a human", "connect me to an agent please",
            "is there a person I can chat with", "get me a human being", "put me through to customer service staff",
            "I need a live agent", "stop the bot and let me talk to someone", "transfer me to a representative",
            "could a staff member call me back", "human please", "let me speak with an operator");

    /**
     * The refusal class: text the benchmark's domain does not handle. Gibberish and remarks about the bot fit
     * every data set; the everyday topics only those whose labels do not cover them (BANKING77, not HWU64, which
     * is a home assistant's data set and has weather, cooking, music and jokes as intents).
     */
    static final List<String> OUT_OF_SCOPE_ANY = List.of(
            "asdfgh jkl", "qwerty uiop", "??", "...", "lorem ipsum dolor sit amet", "zzzz xx yy",
            "blorp fnarg wibble", "123 456 789", "test test one two", "hmm hmm hmm", "la la la la",
            "xkcd ftw lol");
    static final List<String> OUT_OF_SCOPE_EVERYDAY = List.of(
            "what will the weather be like tomorrow", "who won the football match last night",
            "give me a recipe for lasagne", "recommend a good movie to watch", "how tall is mount everest",
            "write me a poem about the sea", "play some jazz music", "what is the capital of australia",
            "how do I fix a python import error", "tell me a joke", "book me a table for two tonight",
            "what time does the pharmacy close", "translate good morning into french",
            "how many calories are in an apple", "who is the president of france", "set an alarm for 7am",
            "what is 17 times 23", "best hiking trails near me");

    private BenchmarkBundle() {
    }

    /**
     * The bundle's files: {@code shots} training examples per label drawn with {@code seed} (all of them when
     * {@code shots} is 0), and the whole test split as held-out examples.
     */
    static Map<String, String> build(String name, List<LabeledText> train, List<LabeledText> test, int shots,
                                     long seed, boolean everydayOutOfScope) {
        Map<String, List<String>> byIntent = new TreeMap<>();
        for (LabeledText example : train) {
            byIntent.computeIfAbsent(intentName(example.intent()), k -> new ArrayList<>()).add(clean(example.text()));
        }
        Random random = new Random(seed);
        StringBuilder trainFile = new StringBuilder("# " + name + " training examples (benchmark bundle)\n");
        for (Map.Entry<String, List<String>> entry : byIntent.entrySet()) {
            List<String> texts = new ArrayList<>(new LinkedHashSet<>(entry.getValue()));
            if (shots > 0) {
                Collections.shuffle(texts, random);
                texts = texts.subList(0, Math.min(shots, texts.size()));
            }
            appendBlock(trainFile, entry.getKey(), texts);
        }
        appendBlock(trainFile, "human_agent", HUMAN_AGENT);
        List<String> outOfScope = new ArrayList<>(OUT_OF_SCOPE_ANY);
        if (everydayOutOfScope) {
            outOfScope.addAll(OUT_OF_SCOPE_EVERYDAY);
        }
        appendBlock(trainFile, "out_of_scope", outOfScope);

        StringBuilder heldout = new StringBuilder("# " + name + " test split (benchmark bundle)\n");
        for (LabeledText example : test) {
            heldout.append(intentName(example.intent())).append('\t').append(clean(example.text())).append('\n');
        }

        Map<String, String> files = new LinkedHashMap<>();
        files.put("domain.json", domainJson(name, byIntent.keySet(), shots, seed));
        files.put("train-en.tsv", trainFile.toString());
        files.put("heldout-en.tsv", heldout.toString());
        files.put("faq-en.json", faqJson(byIntent.keySet()));
        return files;
    }

    /** A data set label as a bundle intent name: lower case, letters, digits and {@code _}. */
    static String intentName(String label) {
        String name = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        return Character.isLetter(name.charAt(0)) ? name : "i_" + name;
    }

    /** One line of text: no TAB or line break inside, no surrounding spaces. */
    static String clean(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static void appendBlock(StringBuilder out, String intent, List<String> texts) {
        out.append("# --- ").append(intent).append(" ---\n");
        for (String text : texts) {
            if (!text.isEmpty()) {
                out.append(intent).append('\t').append(text).append('\n');
            }
        }
    }

    private static String domainJson(String name, Set<String> intents, int shots, long seed) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode domain = json.createObjectNode();
        domain.put("name", name);
        domain.put("version", (shots > 0 ? shots + "-shot-seed-" + seed : "full"));
        domain.put("description", "benchmark bundle built from the public data set " + name);
        domain.putArray("languages").add("en");
        // The benchmark wants the report whatever the figure: a floor the job never refuses on.
        domain.putObject("floor").put("heldoutAccuracy", 0.0);
        domain.putObject("fallbackQuickReplies").putArray("en").add("Talk to an agent");
        ArrayNode list = domain.putArray("intents");
        for (String intent : intents) {
            list.addObject().put("name", intent).put("route", "bot");
        }
        list.addObject().put("name", "human_agent").put("route", "person");
        list.addObject().put("name", "out_of_scope").put("route", "bot");
        return domain.toPrettyString();
    }

    private static String faqJson(Set<String> intents) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode faq = json.createObjectNode();
        faq.put("version", "benchmark");
        faq.put("language", "en");
        ArrayNode answers = faq.putArray("answers");
        for (String intent : intents) {
            answer(answers, intent + ".default", intent, "Benchmark placeholder answer for " + intent + ".");
        }
        answer(answers, "out_of_scope.default", "out_of_scope", "Sorry, I did not understand that.");
        answer(answers, "out_of_scope.handoff", "out_of_scope", "Let me find a person to help you.");
        answer(answers, "human_agent.handoff", "human_agent", "A person will answer you shortly.");
        return faq.toPrettyString();
    }

    private static void answer(ArrayNode answers, String id, String intent, String text) {
        ObjectNode answer = answers.addObject();
        answer.put("id", id);
        answer.put("intent", intent);
        answer.putArray("keywords");
        answer.put("text", text);
        answer.putArray("quickReplies").add("Talk to an agent").add("Something else");
    }
}
