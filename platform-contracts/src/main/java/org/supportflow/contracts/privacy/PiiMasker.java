package org.supportflow.contracts.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds and masks personal data in a customer's text, the one implementation every service uses: the
 * NLU masks each message before anything leaves it, and analytics masks again what it stores (defence in
 * depth). The text is first normalised ({@link #normalize}: NFKC, invisible characters dropped), then:
 * <ul>
 *   <li>e-mail addresses ({@code ＠} and a space around {@code @} included) → {@code [EMAIL]};</li>
 *   <li>Korean resident registration numbers (YYMMDD-G######, also with the last six starred) → {@code [RRN]};</li>
 *   <li>payment card numbers, 13-19 digits passing the Luhn check → {@code [CARD]};</li>
 *   <li>phone numbers: Korean mobile, landline and internet numbers, {@code +<country>} and {@code 00<country>}
 *       numbers, North American {@code (415) 555-2671}, and Korean numbers spelled in Hangul digits
 *       (공일공 칠삼구일 이팔오공) → {@code [PHONE]};</li>
 *   <li>bank account numbers: 10-16 digits unless they are an amount, an identifier glued to letters
 *       ({@code ORD-…}), start with a date, or follow an order or tracking word without a bank word →
 *       {@code [ACCOUNT]}.</li>
 * </ul>
 * Numbers may be separated by {@code -}, {@code .}, {@code /}, spaces, dashes or nothing. Overlaps are
 * resolved in the order of {@link PiiKind}. Linear in the length of the text; stateless and thread-safe.
 */
public final class PiiMasker {

    /** One occurrence of personal data: {@code normalized.substring(start, end)} of the {@link Masked} text. */
    public record Match(PiiKind kind, int start, int end) {
    }

    /**
     * The outcome of masking.
     *
     * @param normalized the input after {@link #normalize}; {@code matches} index this text
     * @param text       {@code normalized} with every match replaced by its placeholder
     * @param matches    what was masked, in text order (kinds and positions only, never the values)
     */
    public record Masked(String normalized, String text, List<Match> matches) {
        public Masked {
            matches = List.copyOf(matches);
        }

        public boolean contains(PiiKind kind) {
            return matches.stream().anyMatch(m -> m.kind() == kind);
        }
    }

    /** The text matching runs on: NFKC (Hangul compatibility jamo kept) without invisible format characters. */
    public static String normalize(String text) {
        return text == null || text.isEmpty() ? "" : TextFolding.fold(text);
    }

    public Masked mask(String text) {
        String normalized = normalize(text);
        if (normalized.isEmpty()) {
            return new Masked(normalized, normalized, List.of());
        }
        List<Match> candidates = new ArrayList<>();
        EmailFinder.find(normalized, candidates);
        NumberFinder.find(normalized, candidates);
        List<Match> matches = withoutOverlaps(candidates);
        if (matches.isEmpty()) {
            return new Masked(normalized, normalized, List.of());
        }
        StringBuilder sb = new StringBuilder(normalized.length());
        int last = 0;
        for (Match m : matches) {
            sb.append(normalized, last, m.start()).append(m.kind().placeholder());
            last = m.end();
        }
        sb.append(normalized, last, normalized.length());
        return new Masked(normalized, sb.toString(), matches);
    }

    public String maskText(String text) {
        return mask(text).text();
    }

    /** The Luhn (mod 10) check digit test. */
    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** Accepts candidates by kind priority, then position (the sort is stable), skipping any that overlaps. */
    private static List<Match> withoutOverlaps(List<Match> candidates) {
        candidates.sort(Comparator.comparingInt((Match m) -> m.kind().ordinal()).thenComparingInt(Match::start));
        TreeMap<Integer, Match> accepted = new TreeMap<>();
        for (Match m : candidates) {
            Map.Entry<Integer, Match> before = accepted.lowerEntry(m.end());
            if (before == null || before.getValue().end() <= m.start()) {
                accepted.put(m.start(), m);
            }
        }
        return List.copyOf(accepted.values());
    }
}
