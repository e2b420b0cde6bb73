package org.supportflow.analytics.privacy;

import org.supportflow.contracts.privacy.PiiMasker;

/**
 * Defence in depth for the masked text the NLU publishes: the NLU is the component that masks, but
 * analytics must never store personal data even if a message slips through unmasked (an older NLU, a
 * producer that forgot). The text goes through the same {@link PiiMasker} the NLU uses, so anything
 * that still looks like personal data gets the NLU's placeholder ({@code [EMAIL]}, {@code [PHONE]},
 * {@code [CARD]}, {@code [RRN]}, {@code [ACCOUNT]}); placeholders already present are left alone, and the
 * text is capped in length.
 */
public final class PiiGuard {

    /** The contract caps customer texts at 4,000 characters; masked text never needs more. */
    public static final int MAX_TEXT_LENGTH = 4000;

    private static final PiiMasker MASKER = new PiiMasker();

    private PiiGuard() {
    }

    /** The result of {@link #sanitize(String)}: the safe text and whether anything had to be masked. */
    public record Result(String text, boolean remasked) {
    }

    /**
     * Masks what still looks like personal data (the text comes back NFKC-normalised) and caps the length;
     * {@code null} stays {@code null}.
     */
    public static Result sanitize(String maskedText) {
        if (maskedText == null) {
            return new Result(null, false);
        }
        PiiMasker.Masked masked = MASKER.mask(maskedText);
        String text = masked.text();
        if (text.length() > MAX_TEXT_LENGTH) {
            text = text.substring(0, MAX_TEXT_LENGTH);
        }
        return new Result(text, !masked.matches().isEmpty());
    }
}
