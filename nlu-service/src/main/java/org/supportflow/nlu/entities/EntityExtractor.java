package org.supportflow.nlu.entities;

import org.supportflow.contracts.privacy.PiiKind;
import org.supportflow.contracts.privacy.PiiMasker;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the entities a support flow acts on, in Korean and English: order and tracking numbers,
 * dates (absolute and relative), amounts (원, 만원, ₩, $, KRW, USD), e-mails and phone numbers.
 * Personal values (e-mail, phone) are reported as their placeholder, never in clear. Other personal
 * data (cards, accounts, resident numbers) is never mistaken for an order number or an amount: spans
 * the {@link PiiMasker} claims are excluded. Stateless and thread-safe.
 */
public final class EntityExtractor {

    public static final String ORDER_NUMBER = "order_number";
    public static final String TRACKING_NUMBER = "tracking_number";
    public static final String DATE = "date";
    public static final String AMOUNT = "amount";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";

    /** One entity; {@code start}/{@code end} index the normalised text ({@link PiiMasker#normalize}). */
    public record Found(String type, String value, int start, int end) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern ORDER_PREFIXED = Pattern.compile(
            "(?<![A-Za-z0-9])(?:ORD|ORDER|OD|SO)[-_#]?\\d{4,}(?:[-_]\\d+)*(?![A-Za-z0-9])", FLAGS);
    private static final Pattern ORDER_AFTER_KEYWORD = Pattern.compile(
            "(?:주문\\s*번호|주문|order\\s*(?:number|no\\.?|id|#)?)\\s*(?:[:：#]|은|는|이|가|is)?\\s*#?"
                    + "([A-Za-z]{0,4}-?\\d[\\d-]{4,}\\d)(?![0-9])", FLAGS);
    private static final Pattern ORDER_HASH = Pattern.compile("(?<![\\w&])#(\\d{5,})(?![0-9])");
    private static final Pattern TRACKING_AFTER_KEYWORD = Pattern.compile(
            "(?:운송장|송장|택배|tracking|waybill)\\s*(?:번호|number|no\\.?|#|code)?\\s*(?:[:：#]|은|는|이|가|is)?\\s*"
                    + "([A-Za-z0-9][A-Za-z0-9-]{7,}[A-Za-z0-9])(?![A-Za-z0-9])", FLAGS);
    private static final Pattern UPS = Pattern.compile("(?<![A-Za-z0-9])1Z[0-9A-Z]{16}(?![A-Za-z0-9])");

    private static final Pattern ISO_DATE = Pattern.compile(
            "(?<![0-9])((?:19|20)\\d{2})\\s*[-./]\\s*(\\d{1,2})\\s*[-./]\\s*(\\d{1,2})\\.?(?![0-9])");
    private static final Pattern KOREAN_DATE = Pattern.compile(
            "(?:((?:19|20)\\d{2})\\s*년\\s*)?(\\d{1,2})\\s*월\\s*(\\d{1,2})\\s*일");
    private static final Pattern ENGLISH_DATE_MONTH_FIRST = Pattern.compile(
            "(?<![A-Za-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?"
                    + "(?:,?\\s+((?:19|20)\\d{2}))?(?![0-9])", FLAGS);
    private static final Pattern ENGLISH_DATE_DAY_FIRST = Pattern.compile(
            "(?<![0-9])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
                    + "(?:,?\\s+((?:19|20)\\d{2}))?(?![A-Za-z])", FLAGS);
    private static final Pattern RELATIVE_DATE = Pattern.compile(
            "(그저께|그제|어제|오늘|내일|모레|지난\\s*주|이번\\s*주|다음\\s*주|지난\\s*달|이번\\s*달|다음\\s*달|"
                    + "(?<![A-Za-z])(?:the day before yesterday|yesterday|today|tomorrow|last week|this week|next week|"
                    + "last month|this month|next month)(?![A-Za-z]))", FLAGS);
    private static final Map<String, String> RELATIVE = Map.ofEntries(
            Map.entry("그저께", "day_before_yesterday"), Map.entry("그제", "day_before_yesterday"),
            Map.entry("어제", "yesterday"), Map.entry("오늘", "today"), Map.entry("내일", "tomorrow"),
            Map.entry("모레", "day_after_tomorrow"), Map.entry("지난주", "last_week"),
            Map.entry("이번주", "this_week"), Map.entry("다음주", "next_week"), Map.entry("지난달", "last_month"),
            Map.entry("이번달", "this_month"), Map.entry("다음달", "next_month"),
            Map.entry("the day before yesterday", "day_before_yesterday"));

    private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";
    private static final Pattern KRW_MAN = Pattern.compile(
            "(?<![0-9.,])(\\d+(?:\\.\\d+)?)\\s*만\\s*(?:(\\d{1,4})\\s*(천)?)?\\s*원");
    private static final Pattern KRW_CHEON = Pattern.compile("(?<![0-9.,])(\\d+)\\s*천\\s*원");
    private static final Pattern KRW_SUFFIX = Pattern.compile(
            "(?<![0-9.,])" + NUMBER + "\\s*(원|won|krw)(?![A-Za-z])", FLAGS);
    private static final Pattern KRW_PREFIX = Pattern.compile("(?:₩|￦|KRW)\\s*" + NUMBER, FLAGS);
    private static final Pattern USD_PREFIX = Pattern.compile("(?:US)?\\$\\s*" + NUMBER);
    private static final Pattern USD_SUFFIX = Pattern.compile(
            "(?<![0-9.,])" + NUMBER + "\\s*(?:dollars?|usd|달러|불)(?![A-Za-z])", FLAGS);

    private final PiiMasker masker;

    public EntityExtractor(PiiMasker masker) {
        this.masker = masker;
    }

    /** Entities in text order; personal values replaced by their placeholders. */
    public List<Found> extract(String text) {
        return extract(masker.mask(text));
    }

    /**
     * As {@link #extract(String)}, reusing the masking the caller already did: entities are read from the
     * normalised text the PII matches index (full-width digits of an order number are plain digits there).
     */
    public List<Found> extract(PiiMasker.Masked masked) {
        String text = masked.normalized();
        List<PiiMasker.Match> pii = masked.matches();
        List<Found> found = new ArrayList<>();
        for (PiiMasker.Match m : pii) {
            if (m.kind() == PiiKind.EMAIL) {
                found.add(new Found(EMAIL, m.kind().placeholder(), m.start(), m.end()));
            } else if (m.kind() == PiiKind.PHONE) {
                found.add(new Found(PHONE, m.kind().placeholder(), m.start(), m.end()));
            }
        }
        List<Found> candidates = new ArrayList<>();
        // Every pattern but the tracking keyword and the relative dates needs an ASCII digit (\\d is [0-9]
        // here); most chat messages have none, and running a dozen patterns over them was most of the cost.
        boolean digits = hasDigit(text);
        Matcher m;
        if (digits) {
            m = UPS.matcher(text);
            while (m.find()) {
                candidates.add(new Found(TRACKING_NUMBER, m.group(), m.start(), m.end()));
            }
        }
        m = TRACKING_AFTER_KEYWORD.matcher(text);
        while (m.find()) {
            candidates.add(new Found(TRACKING_NUMBER, m.group(1).toUpperCase(Locale.ROOT), m.start(1), m.end(1)));
        }
        if (digits) {
            orderNumbers(text, candidates);
        }
        dates(text, digits, candidates);
        if (digits) {
            amounts(text, candidates);
        }

        // Accept candidates in priority order (list order above), skipping overlaps with PII and each other.
        List<int[]> taken = new ArrayList<>();
        pii.forEach(p -> taken.add(new int[]{p.start(), p.end()}));
        for (Found c : candidates) {
            if (taken.stream().noneMatch(t -> t[0] < c.end() && c.start() < t[1])) {
                found.add(c);
                taken.add(new int[]{c.start(), c.end()});
            }
        }
        found.sort(Comparator.comparingInt(Found::start));
        return found;
    }

    private static void orderNumbers(String text, List<Found> out) {
        Matcher m = ORDER_PREFIXED.matcher(text);
        while (m.find()) {
            out.add(new Found(ORDER_NUMBER, m.group().toUpperCase(Locale.ROOT), m.start(), m.end()));
        }
        m = ORDER_AFTER_KEYWORD.matcher(text);
        while (m.find()) {
            out.add(new Found(ORDER_NUMBER, m.group(1).toUpperCase(Locale.ROOT), m.start(1), m.end(1)));
        }
        m = ORDER_HASH.matcher(text);
        while (m.find()) {
            out.add(new Found(ORDER_NUMBER, m.group(1), m.start(1), m.end(1)));
        }
    }

    /** @param digits whether the text has an ASCII digit (only relative dates can match without one) */
    private static void dates(String text, boolean digits, List<Found> out) {
        Matcher m;
        if (digits) {
            m = ISO_DATE.matcher(text);
            while (m.find()) {
                date(m.group(1), m.group(2), m.group(3), m.start(), m.end(), out);
            }
            m = KOREAN_DATE.matcher(text);
            while (m.find()) {
                date(m.group(1), m.group(2), m.group(3), m.start(), m.end(), out);
            }
            m = ENGLISH_DATE_MONTH_FIRST.matcher(text);
            while (m.find()) {
                date(m.group(3), Integer.toString(month(m.group(1))), m.group(2), m.start(), m.end(), out);
            }
            m = ENGLISH_DATE_DAY_FIRST.matcher(text);
            while (m.find()) {
                date(m.group(3), Integer.toString(month(m.group(2))), m.group(1), m.start(), m.end(), out);
            }
        }
        m = RELATIVE_DATE.matcher(text);
        while (m.find()) {
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String compact = key.replace(" ", "");
            String value = RELATIVE.getOrDefault(compact, RELATIVE.getOrDefault(key, key.replace(' ', '_')));
            out.add(new Found(DATE, value, m.start(), m.end()));
        }
    }

    /** ISO {@code yyyy-MM-dd}, or {@code --MM-dd} (ISO 8601 without year) when the year is missing. */
    private static void date(String year, String month, String day, int start, int end, List<Found> out) {
        int mo = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (mo < 1 || mo > 12 || d < 1 || d > 31) {
            return;
        }
        String value = year == null ? String.format(Locale.ROOT, "--%02d-%02d", mo, d)
                : String.format(Locale.ROOT, "%s-%02d-%02d", year, mo, d);
        out.add(new Found(DATE, value, start, end));
    }

    private static int month(String name) {
        String[] months = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        String prefix = name.toLowerCase(Locale.ROOT).substring(0, 3);
        for (int i = 0; i < months.length; i++) {
            if (months[i].equals(prefix)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void amounts(String text, List<Found> out) {
        Matcher m = KRW_MAN.matcher(text);
        while (m.find()) {
            BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(10_000));
            if (m.group(2) != null) {
                BigDecimal rest = new BigDecimal(m.group(2));
                value = value.add(m.group(3) != null ? rest.multiply(BigDecimal.valueOf(1_000)) : rest);
            }
            out.add(new Found(AMOUNT, plain(value) + " KRW", m.start(), m.end()));
        }
        m = KRW_CHEON.matcher(text);
        while (m.find()) {
            out.add(new Found(AMOUNT, plain(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1_000))) + " KRW",
                    m.start(), m.end()));
        }
        m = KRW_SUFFIX.matcher(text);
        while (m.find()) {
            out.add(new Found(AMOUNT, number(m.group(1)) + " KRW", m.start(), m.end()));
        }
        m = KRW_PREFIX.matcher(text);
        while (m.find()) {
            out.add(new Found(AMOUNT, number(m.group(1)) + " KRW", m.start(), m.end()));
        }
        m = USD_PREFIX.matcher(text);
        while (m.find()) {
            out.add(new Found(AMOUNT, number(m.group(1)) + " USD", m.start(), m.end()));
        }
        m = USD_SUFFIX.matcher(text);
        while (m.find()) {
            out.add(new Found(AMOUNT, number(m.group(1)) + " USD", m.start(), m.end()));
        }
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static String number(String digits) {
        return plain(new BigDecimal(digits.replace(",", "")));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
