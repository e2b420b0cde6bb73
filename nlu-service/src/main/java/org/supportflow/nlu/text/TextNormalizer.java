package org.supportflow.nlu.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one text normalisation every NLU component shares: Unicode NFKC (full-width digits and letters,
 * compatibility jamo), lower case, and collapsed white space. It never changes the script of a letter,
 * so Hangul stays Hangul.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return collapseWhitespace(nfkc.toLowerCase(Locale.ROOT)).strip();
    }

    /**
     * Every run of the white space {@code \s} matches (space, tab, line feed, vertical tab, form feed,
     * carriage return) as one space: what {@code replaceAll("\\s+", " ")} did, in one pass without a regex
     * (this runs several times per message), and without a copy when there is nothing to collapse.
     */
    static String collapseWhitespace(String s) {
        int i = 0;
        while (i < s.length() && (!isRegexSpace(s.charAt(i)) || (s.charAt(i) == ' '
                && (i + 1 == s.length() || !isRegexSpace(s.charAt(i + 1)))))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length()).append(s, 0, i);
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isRegexSpace(c)) {
                sb.append(' ');
                while (i < s.length() && isRegexSpace(s.charAt(i))) {
                    i++;
                }
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
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
