package org.supportflow.nlu.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and masks personal data before anything leaves the NLU: e-mail addresses, Korean resident
 * registration numbers, payment card numbers (only when the Luhn check passes), phone numbers (Korean
 * mobile and landline, international with a {@code +} prefix) and bank account numbers (hyphenated
 * Korean formats, or digit runs next to an account/bank word). Overlaps are resolved in the order of
 * {@link PiiKind}. Stateless and thread-safe.
 */
public final class PiiMasker {

    /** One occurrence of personal data: {@code text.substring(start, end)}. */
    public record Match(PiiKind kind, int start, int end) {
    }

    /** The masked text and what was masked (kinds only, never the values). */
    public record Masked(String text, List<Match> matches) {
        public Masked {
            matches = List.copyOf(matches);
        }

        public boolean contains(PiiKind kind) {
            return matches.stream().anyMatch(m -> m.kind() == kind);
        }
    }

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    /** YYMMDD, optional hyphen, gender/century digit 1-8, six more digits (or six masked stars). */
    private static final Pattern RRN = Pattern.compile(
            "(?<![0-9])\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\s?[-–]?\\s?[1-8](?:\\d{6}|\\*{6})(?![0-9])");

    /** 13-19 digits, optionally grouped by single spaces or hyphens. */
    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![0-9])\\d(?:[ -]?\\d){12,18}(?![0-9])");

    private static final Pattern KR_MOBILE = Pattern.compile(
            "(?<![0-9+])(?:\\+82[\\s-]?1[016789]|01[016789])[\\s.-]?\\d{3,4}[\\s.-]?\\d{4}(?![0-9])");
    private static final Pattern KR_LANDLINE = Pattern.compile(
            "(?<![0-9+])(?:\\+82[\\s-]?(?:2|[3-6][1-5]|70)|0(?:2|[3-6][1-5]|70))[\\s.)-]{0,2}\\d{3,4}[\\s.-]?\\d{4}(?![0-9])");
    private static final Pattern INTERNATIONAL = Pattern.compile(
            "(?<![0-9\\w])\\+\\d{1,3}[\\s.-]?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{1,4}(?:[\\s.-]?\\d{2,5}){1,4}(?![0-9])");
    private static final Pattern NANP = Pattern.compile("(?<![0-9])\\(\\d{3}\\)\\s?\\d{3}[\\s.-]\\d{4}(?![0-9])");

    private static final Pattern ACCOUNT_HYPHENATED = Pattern.compile(
            "(?<![0-9-])\\d{2,6}-\\d{2,6}-\\d{2,7}(?:-\\d{1,3})?(?![0-9-])");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])\\d{10,14}(?![0-9])");
    private static final Pattern ACCOUNT_CONTEXT = Pattern.compile(
            "(계좌|은행|뱅크|입금|예금주|국민|신한|우리|하나|농협|기업|카카오|토스|새마을|우체국|수협|씨티|부산|대구|경남|광주|"
                    + "account|acct|bank|iban|deposit)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern NOT_ACCOUNT_CONTEXT = Pattern.compile(
            "(주문|송장|운송장|택배|배송|order|tracking|invoice|ticket|#)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final int CONTEXT_WINDOW = 25;

    public List<Match> find(String text) {
        List<Match> candidates = new ArrayList<>();
        collect(EMAIL, PiiKind.EMAIL, text, candidates);
        collect(RRN, PiiKind.RRN, text, candidates);
        Matcher card = CARD_CANDIDATE.matcher(text);
        while (card.find()) {
            String digits = card.group().replaceAll("[^0-9]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhnValid(digits)) {
                candidates.add(new Match(PiiKind.CARD, card.start(), card.end()));
            }
        }
        collect(KR_MOBILE, PiiKind.PHONE, text, candidates);
        collect(KR_LANDLINE, PiiKind.PHONE, text, candidates);
        collect(INTERNATIONAL, PiiKind.PHONE, text, candidates, 8, 15);
        collect(NANP, PiiKind.PHONE, text, candidates);
        Matcher hyphenated = ACCOUNT_HYPHENATED.matcher(text);
        while (hyphenated.find()) {
            int digits = hyphenated.group().replace("-", "").length();
            String before = window(text, hyphenated.start());
            if (digits >= 10 && digits <= 16
                    && (ACCOUNT_CONTEXT.matcher(before).find() || !NOT_ACCOUNT_CONTEXT.matcher(before).find())) {
                candidates.add(new Match(PiiKind.ACCOUNT, hyphenated.start(), hyphenated.end()));
            }
        }
        Matcher run = DIGIT_RUN.matcher(text);
        while (run.find()) {
            if (ACCOUNT_CONTEXT.matcher(window(text, run.start())).find()) {
                candidates.add(new Match(PiiKind.ACCOUNT, run.start(), run.end()));
            }
        }
        candidates.sort(Comparator.comparingInt((Match m) -> m.kind().ordinal()).thenComparingInt(Match::start));
        List<Match> accepted = new ArrayList<>();
        for (Match m : candidates) {
            if (accepted.stream().noneMatch(a -> a.start() < m.end() && m.start() < a.end())) {
                accepted.add(m);
            }
        }
        accepted.sort(Comparator.comparingInt(Match::start));
        return accepted;
    }

    public Masked mask(String text) {
        if (text == null || text.isEmpty()) {
            return new Masked(text == null ? "" : text, List.of());
        }
        List<Match> matches = find(text);
        if (matches.isEmpty()) {
            return new Masked(text, List.of());
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        for (Match m : matches) {
            sb.append(text, last, m.start()).append(m.kind().placeholder());
            last = m.end();
        }
        sb.append(text, last, text.length());
        return new Masked(sb.toString(), matches);
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

    private static String window(String text, int start) {
        return text.substring(Math.max(0, start - CONTEXT_WINDOW), start).toLowerCase(Locale.ROOT);
    }

    private static void collect(Pattern pattern, PiiKind kind, String text, List<Match> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(new Match(kind, m.start(), m.end()));
        }
    }

    private static void collect(Pattern pattern, PiiKind kind, String text, List<Match> out, int minDigits,
                                int maxDigits) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            long digits = m.group().chars().filter(Character::isDigit).count();
            if (digits >= minDigits && digits <= maxDigits) {
                out.add(new Match(kind, m.start(), m.end()));
            }
        }
    }
}
