package org.supportflow.nlu.sentiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * What a regular expression of literal alternatives matches, {@code (k1|k2|…|(?<![a-z])(?:w1|w2|…)(?![a-z]))}:
 * Korean phrases anywhere, English phrases as whole words (no a-z just before or after). Matched as
 * {@link java.util.regex.Matcher#find()} does: leftmost first, at a position the first alternative in
 * order that fits, the next search after the end of a match. The lexicon's patterns ran over every
 * message, and the regex engine tries every alternative at every position; here a position only tries
 * the alternatives that start with its character. Immutable, thread-safe.
 */
final class LiteralAlternatives {

    private record Alternative(String text, boolean word) {
    }

    /** Sorted first characters, and the alternatives starting with each (in declaration order). */
    private final char[] firstChars;
    private final Alternative[][] byFirstChar;

    private LiteralAlternatives(List<Alternative> alternatives) {
        TreeMap<Character, List<Alternative>> index = new TreeMap<>();
        for (Alternative a : alternatives) {
            if (a.text().isEmpty()) {
                throw new IllegalArgumentException("empty alternative");
            }
            index.computeIfAbsent(a.text().charAt(0), c -> new ArrayList<>()).add(a);
        }
        this.firstChars = new char[index.size()];
        this.byFirstChar = new Alternative[index.size()][];
        int i = 0;
        for (var e : index.entrySet()) {
            firstChars[i] = e.getKey();
            byFirstChar[i++] = e.getValue().toArray(Alternative[]::new);
        }
    }

    /**
     * @param anywhere phrases matched anywhere (the Korean part of a pattern), in the pattern's order
     * @param words    phrases matched between non-[a-z] characters (the English part), in the pattern's order
     */
    static LiteralAlternatives of(List<String> anywhere, List<String> words) {
        List<Alternative> all = new ArrayList<>();
        anywhere.forEach(a -> all.add(new Alternative(a, false)));
        words.forEach(w -> all.add(new Alternative(w, true)));
        return new LiteralAlternatives(all);
    }

    /** Whether the text has a match ({@code find()} is true). */
    boolean foundIn(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (lengthAt(s, i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The number of matches successive {@code find()} calls return. */
    int count(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int length = lengthAt(s, i);
            if (length > 0) {
                n++;
                i += length;
            } else {
                i++;
            }
        }
        return n;
    }

    /** The start of the last match successive {@code find()} calls return, or -1. */
    int lastStart(String s) {
        int last = -1;
        for (int i = 0; i < s.length(); ) {
            int length = lengthAt(s, i);
            if (length > 0) {
                last = i;
                i += length;
            } else {
                i++;
            }
        }
        return last;
    }

    /** The length of the match starting at {@code i}, or 0. */
    private int lengthAt(String s, int i) {
        int k = Arrays.binarySearch(firstChars, s.charAt(i));
        if (k < 0) {
            return 0;
        }
        for (Alternative a : byFirstChar[k]) {
            String t = a.text();
            if (s.startsWith(t, i)
                    && (!a.word() || (!latinLowercaseAt(s, i - 1) && !latinLowercaseAt(s, i + t.length())))) {
                return t.length();
            }
        }
        return 0;
    }

    private static boolean latinLowercaseAt(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return c >= 'a' && c <= 'z';
    }
}
