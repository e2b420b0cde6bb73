package org.supportflow.gateway.kakao.response;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into pieces of at most {@code maxChars} characters for KakaoTalk speech bubbles: at sentence
 * ends first (., ?, ! followed by a space or the end, 。 ！ ？ anywhere, a line break), sentences packed
 * together while they fit; a sentence longer than a piece at word boundaries; only a single word longer than a
 * piece is cut inside (never between the two halves of a surrogate pair).
 *
 * <p>Lengths are UTF-16 chars: never fewer than the characters Kakao counts, so a piece is never too long.
 */
public final class SentenceSplitter {

    private final int maxChars;

    public SentenceSplitter(int maxChars) {
        if (maxChars < 2) {
            throw new IllegalArgumentException("maxChars must be at least 2");
        }
        this.maxChars = maxChars;
    }

    public List<String> split(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        if (trimmed.length() <= maxChars) {
            return List.of(trimmed);
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : sentences(trimmed)) {
            if (current.length() + sentence.length() <= maxChars) {
                current.append(sentence);
                continue;
            }
            flush(current, pieces);
            if (sentence.length() <= maxChars) {
                current.append(sentence);
            } else {
                for (String word : words(sentence)) {
                    if (current.length() + word.length() > maxChars) {
                        flush(current, pieces);
                    }
                    if (word.length() <= maxChars) {
                        current.append(word);
                    } else {
                        hardCut(word, pieces, current);
                    }
                }
            }
        }
        flush(current, pieces);
        return pieces;
    }

    /** Sentences with their trailing separators, so that joining them gives the text back. */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean end = c == '\n' || c == '。' || c == '！' || c == '？'
                    || ((c == '.' || c == '?' || c == '!') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))));
            i++;
            if (end) {
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                sentences.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            sentences.add(text.substring(start));
        }
        return sentences;
    }

    /** Words with their trailing whitespace. */
    private static List<String> words(String sentence) {
        List<String> words = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < sentence.length()) {
            boolean space = Character.isWhitespace(sentence.charAt(i));
            i++;
            if (space) {
                while (i < sentence.length() && Character.isWhitespace(sentence.charAt(i))) {
                    i++;
                }
                words.add(sentence.substring(start, i));
                start = i;
            }
        }
        if (start < sentence.length()) {
            words.add(sentence.substring(start));
        }
        return words;
    }

    private void hardCut(String word, List<String> pieces, StringBuilder current) {
        int start = 0;
        while (word.length() - start > maxChars) {
            int end = start + maxChars;
            if (Character.isHighSurrogate(word.charAt(end - 1))) {
                end--;
            }
            pieces.add(word.substring(start, end));
            start = end;
        }
        current.append(word, start, word.length());
    }

    private static void flush(StringBuilder current, List<String> pieces) {
        String piece = current.toString().strip();
        if (!piece.isEmpty()) {
            pieces.add(piece);
        }
        current.setLength(0);
    }
}
