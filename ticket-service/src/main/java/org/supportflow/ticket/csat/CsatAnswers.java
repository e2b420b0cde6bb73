package org.supportflow.ticket.csat;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a customer's answer to the 1–5 rating question: a digit ("4", "４"), optionally with a unit
 * ("4점", "4/5", "4 stars"), or one to five stars ("★★★★"). Anything else is not an answer.
 */
public final class CsatAnswers {

    private static final Pattern DIGIT = Pattern.compile(
            "^(\\p{Nd})\\s*(점|/\\s*5|stars?|points?)?[.!]?$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern STARS = Pattern.compile("^[★⭐]{1,5}$");

    private CsatAnswers() {
    }

    public static OptionalInt parse(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        String answer = text.strip();
        Matcher digit = DIGIT.matcher(answer);
        if (digit.matches()) {
            int score = Character.getNumericValue(digit.group(1).codePointAt(0));
            return score >= 1 && score <= 5 ? OptionalInt.of(score) : OptionalInt.empty();
        }
        if (STARS.matcher(answer).matches()) {
            return OptionalInt.of(answer.codePointCount(0, answer.length()));
        }
        return OptionalInt.empty();
    }
}
