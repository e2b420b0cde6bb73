package org.supportflow.contracts.privacy;

import java.text.Normalizer;

/**
 * The normalisation applied before matching: Unicode NFKC (full-width digits and {@code ＠}, the
 * ideographic space, small and full-width hyphens become their ASCII forms), and invisible format
 * characters (zero-width space, joiners, direction marks, soft hyphen) dropped, so that neither can hide a
 * number. Hangul compatibility jamo (ㅋㅋ, ㅠㅠ) are kept as typed: NFKC would turn them into conjoining
 * jamo, which displays badly and means nothing more. A zero-width joiner between two non-digits (inside
 * an emoji sequence) is kept too. Linear in the length of the text.
 */
final class TextFolding {

    private static final char ZERO_WIDTH_JOINER = '\u200D';

    private TextFolding() {
    }

    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int runStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isCompatibilityJamo(text.charAt(i))) {
                appendNfkc(text, runStart, i, out);
                out.append(text.charAt(i));
                runStart = i + 1;
            }
        }
        appendNfkc(text, runStart, text.length(), out);
        return dropInvisible(out);
    }

    private static void appendNfkc(String text, int start, int end, StringBuilder out) {
        if (start >= end) {
            return;
        }
        String run = text.substring(start, end);
        out.append(Normalizer.isNormalized(run, Normalizer.Form.NFKC) ? run
                : Normalizer.normalize(run, Normalizer.Form.NFKC));
    }

    private static String dropInvisible(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) != Character.FORMAT || c == ZERO_WIDTH_JOINER && !nextToDigit(text, i)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean nextToDigit(CharSequence text, int i) {
        return i > 0 && Character.isDigit(text.charAt(i - 1))
                || i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
    }

    private static boolean isCompatibilityJamo(char c) {
        return c >= '\u3131' && c <= '\u318E';
    }
}
