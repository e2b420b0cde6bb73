package org.supportflow.nlu.kb;

import org.supportflow.nlu.text.TextNormalizer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable snapshot of the FAQ knowledge base: answers by language and intent. Retrieval within an
 * intent prefers the answer whose keywords the message contains (spaces ignored, longer keywords
 * weigh more; token overlap with the answer breaks ties), then the intent's default answer, then its
 * hand-off message. Answers are only given in the message's language.
 */
public final class KnowledgeBase {

    /** Splits normalised text into words (compiled once: {@code String.split} compiles this class each call). */
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /**
     * What retrieval needs of an answer, normalised once when the knowledge base is built rather than for
     * every message: its keywords as they are matched, and the tokens of its text.
     */
    private record Prepared(List<Keyword> keywords, Set<String> textTokens) {
    }

    /**
     * A normalised keyword: Korean ones match {@code compact} in the text without spaces; the others match
     * one of {@code needles} (the word, its -s and -es plurals, space-delimited) in the spaced words.
     */
    private record Keyword(double weight, boolean hangul, String compact, List<String> needles) {
    }

    private final String version;
    private final Map<String, Map<String, List<KbAnswer>>> answers;
    private final Map<KbAnswer, Prepared> prepared = new IdentityHashMap<>();
    private final Instant loadedAt;
    private final String source;

    KnowledgeBase(String version, Map<String, Map<String, List<KbAnswer>>> answers, Instant loadedAt, String source) {
        this.version = version;
        this.answers = answers;
        this.loadedAt = loadedAt;
        this.source = source;
        answers.values().forEach(byIntent -> byIntent.values().forEach(list -> list.forEach(
                a -> prepared.put(a, prepare(a)))));
    }

    private static Prepared prepare(KbAnswer answer) {
        List<Keyword> keywords = new ArrayList<>();
        for (String keyword : answer.keywords()) {
            String k = TextNormalizer.normalize(keyword);
            if (k.isEmpty()) {
                continue;
            }
            double weight = 1.0 + 0.1 * k.replace(" ", "").length();
            if (TextNormalizer.containsHangul(k)) {
                keywords.add(new Keyword(weight, true, k.replace(" ", ""), List.of()));
            } else {
                String w = String.join(" ", NON_WORD.split(k)).strip();
                keywords.add(new Keyword(weight, false, null,
                        w.isEmpty() ? List.of() : List.of(" " + w + " ", " " + w + "s ", " " + w + "es ")));
            }
        }
        return new Prepared(List.copyOf(keywords), tokens(NON_WORD.split(TextNormalizer.normalize(answer.text()))));
    }

    public static KnowledgeBase empty() {
        return new KnowledgeBase("empty", Map.of(), Instant.now(), "none");
    }

    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public String source() {
        return source;
    }

    public int size() {
        return answers.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).sum();
    }

    public Set<String> languages() {
        return answers.keySet();
    }

    /** The intents with at least one answer in a language. */
    public Set<String> intents(String language) {
        return answers.getOrDefault(language, Map.of()).keySet();
    }

    /** Every answer of an intent in a language (empty when none). */
    public List<KbAnswer> answers(String language, String intent) {
        return answers.getOrDefault(language, Map.of()).getOrDefault(intent, List.of());
    }

    public Optional<KbAnswer> answer(String intent, String language, String text) {
        List<KbAnswer> candidates = answers(language, intent);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String normalized = TextNormalizer.normalize(text);
        String compact = normalized.replace(" ", "");
        String[] split = NON_WORD.split(normalized);
        String words = " " + String.join(" ", split) + " ";
        Set<String> tokens = tokens(split);
        KbAnswer best = null;
        double bestScore = 0;
        for (KbAnswer answer : candidates) {
            if (answer.isDefault() || answer.isHandoff()) {
                continue;
            }
            Prepared p = prepared.get(answer);
            if (p == null) {
                p = prepare(answer); // not expected: every answer is prepared when the snapshot is built
            }
            double score = 0;
            for (Keyword keyword : p.keywords()) {
                if (matches(keyword, compact, words)) {
                    score += keyword.weight();
                }
            }
            if (score > 0) {
                score += 0.5 * overlap(tokens, p.textTokens());
            }
            if (score > bestScore) {
                bestScore = score;
                best = answer;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        return candidates.stream().filter(KbAnswer::isDefault).findFirst()
                .or(() -> candidates.stream().filter(KbAnswer::isHandoff).findFirst());
    }

    /**
     * Korean keywords match anywhere with spaces ignored (spacing in chat is unreliable, and particles
     * attach to nouns); other keywords match whole words (plural -s/-es allowed), so "card" matches "cards" but not "cardigan".
     */
    private static boolean matches(Keyword keyword, String compactText, String spacedWords) {
        if (keyword.hangul()) {
            return compactText.contains(keyword.compact());
        }
        for (String needle : keyword.needles()) {
            if (spacedWords.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** The hand-off message of an intent, if the knowledge base has one. */
    public Optional<KbAnswer> handoff(String intent, String language) {
        return answers(language, intent).stream().filter(KbAnswer::isHandoff).findFirst();
    }

    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String t : a) {
            if (b.contains(t)) {
                common++;
            }
        }
        return (double) common / Math.min(a.size(), b.size());
    }

    private static Set<String> tokens(String[] words) {
        Set<String> out = new HashSet<>();
        for (String t : words) {
            if (t.length() >= 2) {
                out.add(t);
            }
        }
        return out;
    }
}
