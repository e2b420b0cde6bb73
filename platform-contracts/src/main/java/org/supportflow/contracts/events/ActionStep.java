package org.supportflow.contracts.events;

import java.util.List;
import java.util.Objects;

/**
 * What a domain action did with one customer message, carried by {@link RoutedMessageEvent#action()}: the agent
 * sees it in the ticket (what the bot looked up and what came back), analytics counts it per action.
 * <p>
 * Names and outcomes only, never a value: the order number is in the customer's message and the order's
 * carrier in the bot's answer, where erasure reaches them; this record can go wherever the masked event goes.
 *
 * @param action        the action's name in the domain bundle
 * @param step          what the bot did for this message
 * @param slots         the slot asked for ({@link Step#ASKED}, {@link Step#GAVE_UP}) or the slots the call was made
 *                      with ({@link Step#CALLED})
 * @param attempt       for {@link Step#ASKED}: how many replies failed to give the slot before (0: the form starts)
 * @param completesForm for {@link Step#CALLED}: the call ends a form the bot asked questions for
 * @param call          for {@link Step#CALLED}: how the company's system answered
 */
public record ActionStep(String action, Step step, List<String> slots, int attempt, boolean completesForm, Call call) {

    public enum Step {
        /** The bot asked for a missing slot. */
        ASKED,
        /** The action reads an account and the customer has no verified identity: the bot said what it needs. */
        IDENTITY_REQUIRED,
        /** The bot called the company's system. */
        CALLED,
        /** The slot was not given after the allowed attempts: a person takes over. */
        GAVE_UP,
        /** The customer changed topic or asked for a person while a form was pending. */
        ABANDONED
    }

    /**
     * One call to the company's system.
     *
     * @param outcome    {@code ok}, {@code status_<code>} (a status the system answers on purpose, e.g. 404 for an
     *                   unknown order) or a failure: {@code timeout}, {@code server_error}, {@code malformed},
     *                   {@code circuit_open}, {@code unreachable}, {@code not_configured}
     * @param httpStatus the response's status, 0 when there was none
     * @param millis     how long the call took
     */
    public record Call(String outcome, int httpStatus, long millis) {
        public Call {
            Objects.requireNonNull(outcome, "outcome");
        }

        /** Whether the system failed to answer usefully (a deliberate status such as 404 is not a failure). */
        public boolean failed() {
            return !outcome.equals("ok") && !outcome.startsWith("status_");
        }
    }

    public ActionStep {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(step, "step");
        slots = slots == null ? List.of() : List.copyOf(slots);
        if (step == Step.CALLED) {
            Objects.requireNonNull(call, "call");
        }
    }

    public static ActionStep asked(String action, String slot, int attempt) {
        return new ActionStep(action, Step.ASKED, List.of(slot), attempt, false, null);
    }

    public static ActionStep identityRequired(String action) {
        return new ActionStep(action, Step.IDENTITY_REQUIRED, List.of(), 0, false, null);
    }

    public static ActionStep called(String action, List<String> slots, boolean completesForm, Call call) {
        return new ActionStep(action, Step.CALLED, slots, 0, completesForm, call);
    }

    public static ActionStep gaveUp(String action, String slot) {
        return new ActionStep(action, Step.GAVE_UP, slot == null ? List.of() : List.of(slot), 0, false, null);
    }

    public static ActionStep abandoned(String action) {
        return new ActionStep(action, Step.ABANDONED, List.of(), 0, false, null);
    }

    /** The bot's first question of a form. */
    public boolean startsForm() {
        return step == Step.ASKED && attempt == 0;
    }
}
