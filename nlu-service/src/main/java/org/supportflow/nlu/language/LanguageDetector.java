package org.supportflow.nlu.language;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.supportflow.nlu.text.TextNormalizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Decides whether a message is Korean or English, the two languages the platform answers in.
 *
 * <ul>
 *   <li>Hangul decides first: if at least {@link #HANGUL_MAJORITY} of the letters are Hangul, or the
 *       message is short ({@link #SHORT_MESSAGE_LETTERS} letters or fewer) and has any Hangul, it is
 *       Korean. OpenNLP's n-gram detector is unreliable on two-word chat messages; Hangul is not.</li>
 *   <li>Otherwise OpenNLP's language detector (the Leipzig-corpora model of
 *       {@code opennlp-models-langdetect}, 103 languages) decides for longer mixed messages: Korean
 *       when it says {@code kor}.</li>
 *   <li>Every other language maps to English, the fallback language of the knowledge base. A message
 *       without letters (only digits or emoji) gets the configured default.</li>
 * </ul>
 * Thread-safe.
 */
public final class LanguageDetector {

    public static final String KOREAN = "ko";
    public static final String ENGLISH = "en";
    public static final Set<String> SUPPORTED = Set.of(KOREAN, ENGLISH);

    static final double HANGUL_MAJORITY = 0.5;
    static final int SHORT_MESSAGE_LETTERS = 12;
    private static final String MODEL_RESOURCE = "langdetect-183.bin";

    private final LanguageDetectorModel model;
    private final String defaultLanguage;

    public LanguageDetector(LanguageDetectorModel model, String defaultLanguage) {
        if (!SUPPORTED.contains(defaultLanguage)) {
            throw new IllegalArgumentException("unsupported default language " + defaultLanguage);
        }
        this.model = model;
        this.defaultLanguage = defaultLanguage;
    }

    /** Loads OpenNLP's language model from the {@code opennlp-models-langdetect} jar. */
    public static LanguageDetector fromClasspath(String defaultLanguage) {
        try (InputStream in = LanguageDetector.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(MODEL_RESOURCE + " is missing: add opennlp-models-langdetect");
            }
            return new LanguageDetector(new LanguageDetectorModel(in), defaultLanguage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "ko" or "en". */
    public String detect(String text) {
        String normalized = TextNormalizer.normalize(text);
        int letters = TextNormalizer.letterCount(normalized);
        if (letters == 0) {
            return defaultLanguage;
        }
        double hangul = TextNormalizer.hangulShare(normalized);
        if (hangul >= HANGUL_MAJORITY || (hangul > 0 && letters <= SHORT_MESSAGE_LETTERS)) {
            return KOREAN;
        }
        if (hangul == 0) {
            return ENGLISH;
        }
        // Mixed scripts, mostly Latin: let the statistical model weigh the whole message.
        Language best = new LanguageDetectorME(model).predictLanguage(normalized);
        return best != null && "kor".equals(best.getLang()) ? KOREAN : ENGLISH;
    }

    /** OpenNLP's own best guess (ISO 639-3), for diagnostics. */
    public String statisticalGuess(String text) {
        Language best = new LanguageDetectorME(model).predictLanguage(TextNormalizer.normalize(text));
        return best == null ? "und" : best.getLang();
    }
}
