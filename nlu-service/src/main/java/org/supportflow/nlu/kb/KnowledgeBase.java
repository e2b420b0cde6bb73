package org.supportflow.nlu.kb;

import org.supportflow.nlu.text.TextNormalizer;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of the FAQ knowledge base: answers by language and intent. Retrieval within an
 * intent prefers the answer whose keywords the message contains (spaces ignored, longer keywords
 * weigh more; token overlap with the answer breaks ties), then the intent's default answer, then its
 * hand-off message. Answers are only given in the message's language.
 */
public final class KnowledgeBase {

    private final String version;
    private final Map<String, Map<String, List<KbAnswer>>> answers;
    private final Instant loadedAt;
    private final String source;

    KnowledgeBase(String version, Map<String, Map<String, List<KbAnswer>>> answers, Instant loadedAt, String source) {
        this.version = version;
        this.answers = answers;
        this.loadedAt = loadedAt;
        this.source = source;
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
        String words = " " + String.join(" ", normalized.split("[^\\p{L}\\p{N}]+")) + " ";
        Set<String> tokens = tokens(normalized);
        KbAnswer best = null;
        double bestScore = 0;
        for (KbAnswer answer : candidates) {
            if (answer.isDefault() || answer.isHandoff()) {
                continue;
            }
            double score = 0;
            for (String keyword : answer.keywords()) {
                String k = TextNormalizer.normalize(keyword);
                if (!k.isEmpty() && matches(k, compact, words)) {
                    score += 1.0 + 0.1 * k.replace(" ", "").length();
                }
            }
            if (score > 0) {
                score += 0.5 * overlap(tokens, tokens(TextNormalizer.normalize(answer.text())));
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
    private static boolean matches(String keyword, String compactText, String spacedWords) {
        if (TextNormalizer.containsHangul(keyword)) {
            return compactText.contains(keyword.replace(" ", ""));
        }
        String k = String.join(" ", keyword.split("[^\\p{L}\\p{N}]+")).strip();
        return !k.isEmpty() && (spacedWords.contains(" " + k + " ") || spacedWords.contains(" " + k + "s ")
                || spacedWords.contains(" " + k + "es "));
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

    private static Set<String> tokens(String normalized) {
        Set<String> out = new HashSet<>();
        for (String t : normalized.split("[^\\p{L}\\p{N}]+")) {
            if (t.length() >= 2) {
                out.add(t);
            }
        }
        return out;
    }
}
