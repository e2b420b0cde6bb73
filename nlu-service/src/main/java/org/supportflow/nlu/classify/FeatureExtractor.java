package org.supportflow.nlu.classify;

import org.supportflow.nlu.text.TextNormalizer;
import org.tartarus.snowball.ext.EnglishStemmer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a message into feature counts for one {@link FeatureSet}. Digit runs become {@code 0} so that
 * order numbers and amounts generalise; emoji and other symbols are kept as tokens. Thread-safe.
 */
public final class FeatureExtractor {

    /**
     * Version of the extraction code. Bump it whenever features change for the same {@link FeatureSet},
     * so that stored models trained with the old code are retrained instead of loaded.
     */
    public static final int FORMAT_VERSION = 2;

    private final FeatureSet features;
    private final KoreanMorphemes morphemes;
    private final SentenceEncoder encoder;

    public FeatureExtractor(FeatureSet features, KoreanMorphemes morphemes) {
        this.features = features;
        this.morphemes = features.morphemes() ? morphemes : null;
        if (features.morphemes() && morphemes == null) {
            throw new IllegalArgumentException("the feature set needs a morpheme analyser");
        }
        this.encoder = features.dense() > 0 ? SentenceEncoder.shared() : null;
    }

    /**
     * The weighted sentence embedding of a message without Hangul, or {@code null} when the feature set
     * has no dense part or the message is Korean.
     */
    public float[] dense(String text) {
        if (encoder == null) {
            return null;
        }
        String normalized = TextNormalizer.normalize(text);
        if (normalized.isEmpty() || TextNormalizer.containsHangul(normalized)) {
            return null;
        }
        float[] v = encoder.encode(normalized);
        float w = (float) features.dense();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * w;
        }
        return out;
    }

    /** Whether the sentence encoder applies to a message: non-empty text without Hangul. */
    public static boolean encoderApplies(String text) {
        String normalized = TextNormalizer.normalize(text);
        return !normalized.isEmpty() && !TextNormalizer.containsHangul(normalized);
    }

    /** The model's input for one message: TF-IDF weights of its sparse features plus its dense part. */
    public TfIdfVectorizer.Vector vector(TfIdfVectorizer vectorizer, Map<String, Integer> counts, float[] dense) {
        return TfIdfVectorizer.withDense(vectorizer.transform(counts), dense);
    }

    public FeatureSet featureSet() {
        return features;
    }

    /** Feature → count for one message. */
    public Map<String, Integer> extract(String text) {
        String normalized = TextNormalizer.normalize(text);
        List<String> tokens = tokens(normalized);
        Map<String, Integer> counts = new HashMap<>(256);
        for (int n = 1; n <= features.wordNgrams(); n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                StringBuilder sb = new StringBuilder(n == 1 ? "w:" : "w" + n + ":");
                for (int k = i; k < i + n; k++) {
                    if (k > i) {
                        sb.append(' ');
                    }
                    sb.append(tokens.get(k));
                }
                counts.merge(sb.toString(), 1, Integer::sum);
            }
        }
        if (features.charMin() > 0) {
            for (String token : tokens) {
                charNgrams("c:", "<" + token + ">", features.charMin(), features.charMax(), counts);
            }
        }
        if (features.spacelessMin() > 0) {
            String spaceless = String.join("", tokens);
            charNgrams("s:", spaceless, features.spacelessMin(), features.spacelessMax(), counts);
        }
        if (morphemes != null && TextNormalizer.containsHangul(normalized)) {
            List<String> morphs = morphemes.morphemes(normalized);
            String previous = null;
            for (String m : morphs) {
                counts.merge("m:" + m, 1, Integer::sum);
                if (previous != null) {
                    counts.merge("m2:" + previous + ' ' + m, 1, Integer::sum);
                }
                previous = m;
            }
        }
        if (features.stems()) {
            EnglishStemmer stemmer = new EnglishStemmer();
            for (String token : tokens) {
                if (token.length() > 2 && isAsciiLowercase(token)) {
                    stemmer.setCurrent(token);
                    stemmer.stem();
                    counts.merge("e:" + stemmer.getCurrent(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static boolean isAsciiLowercase(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /** N-grams of code points (a pair of surrogates is one), built straight from the text's chars. */
    private static void charNgrams(String prefix, String s, int min, int max, Map<String, Integer> counts) {
        // at[k] is the char index of the k-th code point; at[length] is s.length()
        int[] at = new int[s.length() + 1];
        int length = 0;
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            at[length++] = i;
        }
        at[length] = s.length();
        StringBuilder sb = new StringBuilder(prefix.length() + 4 * max);
        for (int n = min; n <= max; n++) {
            for (int i = 0; i + n <= length; i++) {
                sb.setLength(0);
                sb.append(prefix).append(s, at[i], at[i + n]);
                counts.merge(sb.toString(), 1, Integer::sum);
            }
        }
    }

    /** Letters-and-digits tokens; digit runs collapse to "0"; each symbol (emoji) is its own token. */
    static List<String> tokens(String normalized) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean digits = false;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isDigit(cp)) {
                if (!digits && !current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                if (!digits) {
                    current.append('0');
                    digits = true;
                }
                continue;
            }
            if (Character.isLetter(cp) || cp == '\'') {
                if (digits) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    digits = false;
                }
                if (cp != '\'') {
                    current.appendCodePoint(cp);
                }
                continue;
            }
            if (!current.isEmpty()) {
                tokens.add(current.toString());
                current.setLength(0);
            }
            digits = false;
            int type = Character.getType(cp);
            if (type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL) {
                tokens.add(new String(Character.toChars(cp)));
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
