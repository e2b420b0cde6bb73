package org.supportflow.analytics.dashboard;

import org.supportflow.analytics.summary.Rates;

/**
 * The bot's share of a set of conversations, named like the industry's reports (Intercom Fin: involvement,
 * answer, deflection and resolution rates; automation = involvement x resolution). See docs/OPERATIONS.md,
 * "Operator dashboard", for the definitions.
 *
 * @param conversations new conversations: the first customer message was received in the range
 * @param involved      of those, the ones with at least one message the bot answered (route {@code BOT})
 * @param answered      of the involved, the ones where the bot gave at least one real answer (an understood
 *                      message routed to the bot, not a fallback)
 * @param deflected     of the involved, the ones never routed to a human
 * @param resolved      of the involved, the ones answered and deflected (assumed resolved by the bot)
 */
public record AutomationFigures(long conversations, long involved, long answered, long deflected, long resolved) {

    public AutomationFigures {
        if (conversations < 0 || involved > conversations || answered > involved || deflected > involved
                || resolved > Math.min(answered, deflected) || resolved < 0) {
            throw new IllegalArgumentException("inconsistent automation counts: " + conversations + "/" + involved
                    + "/" + answered + "/" + deflected + "/" + resolved);
        }
    }

    public static final AutomationFigures NONE = new AutomationFigures(0, 0, 0, 0, 0);

    public AutomationFigures plus(AutomationFigures other) {
        return new AutomationFigures(conversations + other.conversations, involved + other.involved,
                answered + other.answered, deflected + other.deflected, resolved + other.resolved);
    }

    /** Involved / all conversations. */
    public Double involvementRate() {
        return Rates.ratio(involved, conversations);
    }

    /** Answered / involved. */
    public Double answerRate() {
        return Rates.ratio(answered, involved);
    }

    /** Deflected / involved. */
    public Double deflectionRate() {
        return Rates.ratio(deflected, involved);
    }

    /** Resolved / involved. */
    public Double resolutionRate() {
        return Rates.ratio(resolved, involved);
    }

    /** Resolved / all conversations, which equals involvementRate x resolutionRate. */
    public Double automationRate() {
        return Rates.ratio(resolved, conversations);
    }
}
