package org.supportflow.analytics.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Defence in depth for the masked text the NLU publishes: the NLU is the component that masks, but
 * analytics must never store personal data even if a message slips through unmasked. Anything that
 * still looks like an e-mail address, a phone number or a long identifying number is replaced by the
 * same kind of placeholder the NLU uses ({@code [EMAIL]}, {@code [PHONE]}, {@code [NUMBER]}), and the
 * text is capped in length. Placeholders already present are left alone.
 */
public final class PiiGuard {

    /** The contract caps customer texts at 4,000 characters; masked text never needs more. */
    public static final int MAX_TEXT_LENGTH = 4000;

    private record Rule(Pattern pattern, String placeholder) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("[\\p{Alnum}._%+-]+@[\\p{Alnum}-]+(?:\\.[\\p{Alnum}-]+)*\\.\\p{Alpha}{2,}"),
                    "[EMAIL]"),
            // Korean mobile and landline numbers, with or without separators: 010-1234-5678, 02 123 4567, 01012345678.
            new Rule(Pattern.compile("(?<!\\d)0\\d{1,2}[-. ]?\\d{3,4}[-. ]?\\d{4}(?!\\d)"), "[PHONE]"),
            // International form: +82 10-1234-5678, +1 (415) 555-0100.
            new Rule(Pattern.compile("\\+\\d{1,3}[-. ]?(?:\\(\\d{1,4}\\)[-. ]?)?\\d{1,4}(?:[-. ]?\\d{2,4}){1,4}(?!\\d)"),
                    "[PHONE]"),
            // Card, account or resident registration numbers: nine digits or more, separators allowed.
            new Rule(Pattern.compile("(?<!\\d)\\d(?:[- ]?\\d){8,}(?!\\d)"), "[NUMBER]"));

    private PiiGuard() {
    }

    /** The result of {@link #sanitize(String)}: the safe text and whether anything had to be masked. */
    public record Result(String text, boolean remasked) {
    }

    /** Masks what still looks like personal data and caps the length; {@code null} stays {@code null}. */
    public static Result sanitize(String maskedText) {
        if (maskedText == null) {
            return new Result(null, false);
        }
        String text = maskedText;
        boolean remasked = false;
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(text);
            if (matcher.find()) {
                text = matcher.replaceAll(Matcher.quoteReplacement(rule.placeholder()));
                remasked = true;
            }
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            text = text.substring(0, MAX_TEXT_LENGTH);
        }
        return new Result(text, remasked);
    }
}
