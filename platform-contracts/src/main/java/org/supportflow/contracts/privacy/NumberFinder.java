package org.supportflow.contracts.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone, card, resident registration and bank account numbers, however they are written: the text is
 * scanned once for chains of digit groups joined by short separators ({@code -}, {@code .}, {@code /},
 * spaces, dashes, parentheses), then windows of at most a few consecutive groups are judged by their
 * digits and layout. Every character is visited once by the scan and each group by a bounded number of
 * windows, so the cost is linear in the length of the text whatever it holds.
 *
 * <p>A second pass reads Sino-Korean digits spelled in Hangul (공일공 칠삼구일 이팔오공, mixed with ASCII
 * digits or not) and masks what spells a Korean phone number.
 */
final class NumberFinder {

    /** One run of digits: {@code digits} are their ASCII values, whatever script they were written in. */
    private record Group(int start, int end, String digits, boolean spelled) {
    }

    /** A chain of groups; {@code separators.get(k)} sits between group k and k+1. */
    private record Chain(List<Group> groups, List<String> separators, boolean plus, boolean paren) {
    }

    private static final int MAX_SEPARATOR = 3;
    /** A number with a {@code +} country code may have many groups; no other kind has more than five. */
    private static final int MAX_GROUPS_WITH_PLUS = 8;
    private static final int MAX_GROUPS = 5;
    /** The shortest number any rule accepts (a Seoul number, 02 and seven digits; an international one). */
    private static final int MIN_DIGITS = 8;
    private static final int MAX_SPELLED_GROUPS = 13;
    private static final int MAX_DIGITS = 19;
    /** The longest Korean number (a 050 safe number) plus a trailing 이 that may be a particle. */
    private static final int MAX_SPELLED_DIGITS = 13;
    private static final int CONTEXT_WINDOW = 25;

    /** Korean numbers in national form: mobile, Seoul, other areas, internet phones, toll-free, safe numbers. */
    private static final Pattern KR_NATIONAL = Pattern.compile(
            "01[016789]\\d{7,8}|02\\d{7,8}|0[3-6][1-5]\\d{7,8}|070\\d{8}|080\\d{7,8}|050\\d{8,9}");
    private static final Pattern STARRED_RRN = Pattern.compile(
            "(?<![0-9])(\\d{6}) ?[-\u2010-\u2015\u2212]? ?[1-8]\\*{6}(?![*0-9])");
    private static final Pattern ACCOUNT_CONTEXT = Pattern.compile(
            "계좌|은행|뱅크|입금|예금주|국민|신한|우리|하나|농협|기업|카카오|토스|새마을|우체국|수협|씨티|부산|대구|경남|광주|"
                    + "account|acct|bank|iban|deposit");
    private static final Pattern NOT_ACCOUNT_CONTEXT = Pattern.compile(
            "주문|송장|운송장|택배|배송|통운|로젠|한진|order|tracking|invoice|ticket|parcel|shipment|#");
    private static final List<String> AMOUNT_UNITS = List.of("원", "만", "천", "억", "달러", "won", "krw", "usd", "dollar", "%");

    private NumberFinder() {
    }

    static void find(String text, List<PiiMasker.Match> out) {
        scan(text, false, out);
        scan(text, true, out);
        Matcher starred = STARRED_RRN.matcher(text);
        while (starred.find()) {
            if (isBirthDate(starred.group(1))) {
                out.add(new PiiMasker.Match(PiiKind.RRN, starred.start(), starred.end()));
            }
        }
    }

    private static void scan(String text, boolean spelled, List<PiiMasker.Match> out) {
        int i = 0;
        while (i < text.length()) {
            if (digitValue(text.charAt(i), spelled) < 0) {
                i++;
                continue;
            }
            boolean plus = i > 0 && text.charAt(i - 1) == '+';
            boolean paren = i > 0 && text.charAt(i - 1) == '(';
            List<Group> groups = new ArrayList<>();
            List<String> separators = new ArrayList<>();
            while (true) {
                int start = i;
                StringBuilder digits = new StringBuilder();
                boolean hangul = false;
                int value;
                while (i < text.length() && (value = digitValue(text.charAt(i), spelled)) >= 0) {
                    digits.append((char) ('0' + value));
                    hangul |= !isAsciiDigit(text.charAt(i));
                    i++;
                }
                groups.add(new Group(start, i, digits.toString(), hangul));
                int next = separatorEnd(text, i);
                if (next == i || next >= text.length() || digitValue(text.charAt(next), spelled) < 0) {
                    break;
                }
                separators.add(text.substring(i, next));
                i = next;
            }
            judge(text, new Chain(groups, separators, plus, paren), spelled, out);
        }
    }

    /** The end of a separator starting at {@code from}: up to three of space, parenthesis and one mark. */
    private static int separatorEnd(String text, int from) {
        int end = from;
        int marks = 0;
        while (end < text.length() && end - from < MAX_SEPARATOR) {
            char c = text.charAt(end);
            if (isMark(c)) {
                if (++marks > 1) {
                    return from;
                }
            } else if (c != ' ' && c != '\t' && c != '(' && c != ')') {
                break;
            }
            end++;
        }
        return end;
    }

    /** Judges windows of consecutive groups, longest first from the left, so no two matches overlap. */
    private static void judge(String text, Chain chain, boolean spelled, List<PiiMasker.Match> out) {
        if (spelled && chain.groups().stream().noneMatch(Group::spelled)) {
            return; // the first pass judged it already
        }
        int count = chain.groups().size();
        int first = 0;
        while (first < count) {
            int maxGroups = spelled ? MAX_SPELLED_GROUPS
                    : first == 0 && chain.plus() ? MAX_GROUPS_WITH_PLUS : MAX_GROUPS;
            int matchedLast = -1;
            for (int last = Math.min(count - 1, first + maxGroups - 1); last >= first && matchedLast < 0; last--) {
                PiiMasker.Match found = spelled ? spelledPhone(text, chain, first, last)
                        : judgeDigits(text, chain, first, last);
                if (found != null) {
                    out.add(found);
                    matchedLast = last;
                }
            }
            first = matchedLast >= 0 ? matchedLast + 1 : first + 1;
        }
    }

    private static PiiMasker.Match judgeDigits(String text, Chain chain, int first, int last) {
        List<Group> groups = chain.groups().subList(first, last + 1);
        boolean plus = chain.plus() && first == 0;
        int digitCount = digitCount(groups);
        if (digitCount < MIN_DIGITS || digitCount > MAX_DIGITS || !consistent(chain, first, last, plus)) {
            return null;
        }
        String digits = digits(groups);
        for (int k = 0; k < groups.size(); k++) {
            if (groups.get(k).digits().length() == 1 && !(plus && k <= 1)) {
                return null;
            }
        }
        int start = groups.get(0).start() - (first == 0 && (chain.plus() || chain.paren()) ? 1 : 0);
        int end = groups.get(groups.size() - 1).end();
        int[] sizes = new int[groups.size()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = groups.get(k).digits().length();
        }
        PiiKind kind;
        if (!plus && isRrn(digits, sizes)) {
            kind = PiiKind.RRN;
        } else if (!plus && isCard(digits, sizes)) {
            kind = PiiKind.CARD;
        } else if (isPhone(digits, plus, sizes, first == 0 && chain.paren())) {
            kind = PiiKind.PHONE;
        } else if (!plus && isAccount(text, digits, sizes, start, end)) {
            kind = PiiKind.ACCOUNT;
        } else {
            return null;
        }
        return new PiiMasker.Match(kind, start, end);
    }

    /** A Korean phone number with at least one digit spelled in Hangul; a trailing 이 may be a particle. */
    private static PiiMasker.Match spelledPhone(String text, Chain chain, int first, int last) {
        List<Group> groups = chain.groups().subList(first, last + 1);
        int digitCount = digitCount(groups);
        if (digitCount < MIN_DIGITS || digitCount > MAX_SPELLED_DIGITS || groups.stream().noneMatch(Group::spelled)
                || !consistent(chain, first, last, false)) {
            return null;
        }
        String digits = digits(groups);
        int start = groups.get(0).start();
        int end = groups.get(groups.size() - 1).end();
        if (KR_NATIONAL.matcher(digits).matches()) {
            return new PiiMasker.Match(PiiKind.PHONE, start, end);
        }
        if (!isAsciiDigit(text.charAt(end - 1)) && KR_NATIONAL.matcher(digits.substring(0, digits.length() - 1))
                .matches()) {
            return new PiiMasker.Match(PiiKind.PHONE, start, end - 1);
        }
        return null;
    }

    /**
     * One kind of separator per number ("2024-11-23 10" is a date and a time, not a 10-digit number);
     * parentheses and the separator after a {@code +} country code do not count.
     */
    private static boolean consistent(Chain chain, int first, int last, boolean plus) {
        char kind = 0;
        for (int k = first; k < last; k++) {
            String separator = chain.separators().get(k);
            if ((plus && k == first) || separator.indexOf('(') >= 0 || separator.indexOf(')') >= 0) {
                continue;
            }
            char c = ' ';
            for (int i = 0; i < separator.length(); i++) {
                if (isMark(separator.charAt(i))) {
                    c = isDash(separator.charAt(i)) ? '-' : separator.charAt(i);
                }
            }
            if (kind == 0) {
                kind = c;
            } else if (kind != c) {
                return false;
            }
        }
        return true;
    }

    /** YYMMDD, then a gender and century digit 1-8 and six more: 13 digits, as 6-7 or in one run. */
    private static boolean isRrn(String digits, int[] sizes) {
        boolean layout = sizes.length == 1 || sizes.length == 2 && sizes[0] == 6;
        return digits.length() == 13 && layout && isBirthDate(digits.substring(0, 6))
                && digits.charAt(6) >= '1' && digits.charAt(6) <= '8';
    }

    /** 13-19 digits passing the Luhn check, in one run or in the groups cards are printed in. */
    private static boolean isCard(String digits, int[] sizes) {
        if (digits.length() < 13 || !PiiMasker.luhnValid(digits)) {
            return false;
        }
        if (sizes.length == 1 || sizes.length == 3 && sizes[0] == 4 && sizes[1] == 6) {
            return true;
        }
        for (int k = 0; k < sizes.length - 1; k++) {
            if (sizes[k] != 4) {
                return false;
            }
        }
        return sizes[sizes.length - 1] <= 4;
    }

    private static boolean isPhone(String digits, boolean plus, int[] sizes, boolean paren) {
        if (plus) {
            if (digits.startsWith("82")) {
                String national = digits.substring(2);
                return KR_NATIONAL.matcher(national.startsWith("0") ? national : "0" + national).matches();
            }
            return digits.length() >= 8 && digits.length() <= 15;
        }
        if (digits.startsWith("00")) {
            return digits.length() >= 10 && digits.length() <= 17 && sizes.length <= 5;
        }
        if (sizes.length > 3) {
            return false;
        }
        if (KR_NATIONAL.matcher(digits).matches()) {
            return true;
        }
        boolean nanpLayout = paren || sizes.length == 3 && sizes[0] == 3 && sizes[1] == 3 && sizes[2] == 4;
        return digits.length() == 10 && digits.charAt(0) >= '2' && nanpLayout;
    }

    /**
     * 10-16 digits in at most four groups, one of four digits or more (so "90 95 100 105" is a list of
     * sizes, not an account), that are not an amount, not part of an identifier glued to letters ({@code ORD-...},
     * {@code #...}), do not start with a date (order and invoice numbers do) and are not preceded by an
     * order or tracking word, unless a bank word is there too.
     */
    private static boolean isAccount(String text, String digits, int[] sizes, int start, int end) {
        boolean layout = sizes.length <= 4 && Arrays.stream(sizes).max().orElse(0) >= 4;
        if (digits.length() < 10 || digits.length() > 16 || !layout || startsWithDate(digits)
                || glued(text, start, end) || isAmount(text, start, end)) {
            return false;
        }
        String before = text.substring(Math.max(0, start - CONTEXT_WINDOW), start).toLowerCase(Locale.ROOT);
        return ACCOUNT_CONTEXT.matcher(before).find() || !NOT_ACCOUNT_CONTEXT.matcher(before).find();
    }

    private static boolean glued(String text, int start, int end) {
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        boolean gluedBefore = isAsciiLetter(before) || before == '#' || before == '_'
                || (before == '-' || isDash(before)) && start > 1 && isAsciiLetter(text.charAt(start - 2));
        return gluedBefore || end < text.length() && isAsciiLetter(text.charAt(end));
    }

    private static boolean isAmount(String text, int start, int end) {
        int after = end < text.length() && text.charAt(end) == ' ' ? end + 1 : end;
        String rest = text.substring(after, Math.min(text.length(), after + 6)).toLowerCase(Locale.ROOT);
        if (AMOUNT_UNITS.stream().anyMatch(rest::startsWith)) {
            return true;
        }
        int before = start > 0 && text.charAt(start - 1) == ' ' ? start - 1 : start;
        return before > 0 && (text.charAt(before - 1) == '₩' || text.charAt(before - 1) == '$');
    }

    private static boolean startsWithDate(String digits) {
        if (digits.length() < 8) {
            return false;
        }
        int year = Integer.parseInt(digits.substring(0, 4));
        return year >= 1990 && year <= 2099 && isMonthDay(digits.substring(4, 8));
    }

    static boolean isBirthDate(String yymmdd) {
        return isMonthDay(yymmdd.substring(2, 6));
    }

    private static boolean isMonthDay(String mmdd) {
        int month = Integer.parseInt(mmdd.substring(0, 2));
        int day = Integer.parseInt(mmdd.substring(2, 4));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static int digitCount(List<Group> groups) {
        int count = 0;
        for (Group g : groups) {
            count += g.digits().length();
        }
        return count;
    }

    private static String digits(List<Group> groups) {
        StringBuilder sb = new StringBuilder();
        groups.forEach(g -> sb.append(g.digits()));
        return sb.toString();
    }

    /** The digit a character stands for, or -1; Sino-Korean digit syllables count only when spelled. */
    private static int digitValue(char c, boolean spelled) {
        if (isAsciiDigit(c)) {
            return c - '0';
        }
        if (!spelled) {
            return -1;
        }
        return switch (c) {
            case '영', '공' -> 0;
            case '일' -> 1;
            case '이' -> 2;
            case '삼' -> 3;
            case '사' -> 4;
            case '오' -> 5;
            case '육', '륙' -> 6;
            case '칠' -> 7;
            case '팔' -> 8;
            case '구' -> 9;
            default -> -1;
        };
    }

    private static boolean isMark(char c) {
        return c == '-' || c == '.' || c == '/' || isDash(c);
    }

    private static boolean isDash(char c) {
        return c >= '\u2010' && c <= '\u2015' || c == '\u2212';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
