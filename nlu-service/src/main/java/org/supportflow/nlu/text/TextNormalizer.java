package org.supportflow.nlu.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one text normalisation every NLU component shares: Unicode NFKC (full-width digits and letters,
 * compatibility jamo), lower case, and collapsed white space. It never changes the script of a letter,
 * so Hangul stays Hangul.
 */
public final class TextNormalizer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return WHITESPACE.matcher(nfkc.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** {@code true} for a Hangul syllable or jamo (modern and compatibility blocks). */
    public static boolean isHangul(int codePoint) {
        return (codePoint >= 0xAC00 && codePoint <= 0xD7A3)
                || (codePoint >= 0x1100 && codePoint <= 0x11FF)
                || (codePoint >= 0x3130 && codePoint <= 0x318F);
    }

    public static boolean containsHangul(CharSequence text) {
        return text.codePoints().anyMatch(TextNormalizer::isHangul);
    }

    /** Share of Hangul among the letters of a text (0 when it has no letters). */
    public static double hangulShare(CharSequence text) {
        int letters = 0;
        int hangul = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            if (Character.isLetter(cp)) {
                letters++;
                if (isHangul(cp)) {
                    hangul++;
                }
            }
            i += Character.charCount(cp);
        }
        return letters == 0 ? 0.0 : (double) hangul / letters;
    }

    /** Number of letters (any script) in a text. */
    public static int letterCount(CharSequence text) {
        return (int) text.codePoints().filter(Character::isLetter).count();
    }
}
