package org.supportflow.routing.actions;

import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.routing.decision.Verdict;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The slot-filling state machine of actions, a plain function of the conversation's pending form, the NLU's
 * reading of the message and the routing rules' verdict (no I/O: the caller calls the system and stores the form).
 * <ul>
 *   <li>No form pending: a message the bot would answer ({@code ANSWER}) with an intent that has an action starts
 *       it: the customer needs a verified identity first when the action says so; with every slot in the message
 *       the action is called at once, else the bot asks for the first missing slot.</li>
 *   <li>A form pending: a request for a person abandons it (the rules' handoff goes on); a message holding the
 *       slot's value completes it (also a message with only the value, whatever the NLU made of it); a message
 *       the bot would answer with another intent, or any other handoff, is a change of topic and abandons it;
 *       anything else is a failed attempt: the bot asks again, and after {@link #MAX_ATTEMPTS} the conversation
 *       goes to a person ({@link HandoffReason#SLOT_NOT_FILLED}).</li>
 * </ul>
 */
public final class FormMachine {

    public static final int MAX_ATTEMPTS = 2;

    /** What to do with the message. */
    public sealed interface Step {
    }

    /** Not an action's business: route as usual (and drop any pending form when {@code abandoned}). */
    public record PassOn(boolean abandoned, String abandonedAction) implements Step {
    }

    /** Call the action with these slot values. */
    public record Call(ActionSpec action, Map<String, String> slots, boolean completedForm) implements Step {
        public Call {
            slots = Map.copyOf(slots);
        }
    }

    /** Ask for a slot (again, after {@code attempts} failed replies) and keep the form pending. */
    public record Ask(ActionSpec action, ActionSpec.Slot slot, int attempts) implements Step {
    }

    /** The customer did not give the slot after {@link #MAX_ATTEMPTS} replies: a person takes over. */
    public record GiveUp(ActionSpec action) implements Step {
    }

    /** The action needs a verified identity the customer does not have: say so. */
    public record NeedIdentity(ActionSpec action) implements Step {
    }

    public Step next(ActionCatalog catalog, Optional<PendingForm> pending, NluResult nlu, Verdict verdict,
                     boolean verifiedIdentity) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(nlu, "nlu");
        Objects.requireNonNull(verdict, "verdict");
        if (pending.isPresent()) {
            return continueForm(catalog, pending.get(), nlu, verdict);
        }
        if (verdict.outcome() != Verdict.Outcome.ANSWER) {
            return new PassOn(false, null);
        }
        Optional<ActionSpec> action = catalog.forIntent(nlu.intent());
        if (action.isEmpty()) {
            return new PassOn(false, null);
        }
        ActionSpec spec = action.get();
        if (spec.identity() == ActionSpec.Identity.VERIFIED && !verifiedIdentity) {
            return new NeedIdentity(spec);
        }
        Map<String, String> values = fill(spec, nlu);
        return spec.slots().stream().filter(s -> !values.containsKey(s.name())).findFirst()
                .<Step>map(missing -> new Ask(spec, missing, 0))
                .orElseGet(() -> new Call(spec, values, false));
    }

    private Step continueForm(ActionCatalog catalog, PendingForm form, NluResult nlu, Verdict verdict) {
        Optional<ActionSpec> action = catalog.named(form.action());
        if (action.isEmpty()) {
            return new PassOn(true, form.action()); // the domain changed under the form
        }
        ActionSpec spec = action.get();
        if (verdict.isHandoff() && verdict.reason() == HandoffReason.REQUESTED) {
            return new PassOn(true, spec.name());
        }
        Map<String, String> values = fill(spec, nlu);
        Optional<ActionSpec.Slot> missing = spec.slots().stream().filter(s -> !values.containsKey(s.name()))
                .findFirst();
        if (missing.isEmpty()) {
            return new Call(spec, values, true);
        }
        boolean otherTopic = verdict.outcome() == Verdict.Outcome.ANSWER && !spec.intent().equals(nlu.intent());
        if (otherTopic || verdict.isHandoff()) {
            return new PassOn(true, spec.name());
        }
        int attempts = form.attempts() + 1;
        if (attempts >= MAX_ATTEMPTS) {
            return new GiveUp(spec);
        }
        return new Ask(spec, missing.get(), attempts);
    }

    /**
     * The slot values the message holds: an entity of the slot's type whose value matches the slot's pattern,
     * else the pattern's first match in the message's (masked) text.
     */
    public static Map<String, String> fill(ActionSpec action, NluResult nlu) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ActionSpec.Slot slot : action.slots()) {
            Optional<String> value = nlu.entities().stream()
                    .filter(e -> slot.entity() != null && slot.entity().equals(e.type()) && e.value() != null)
                    .map(NluResult.Entity::value)
                    .filter(v -> slot.pattern().matcher(v).matches())
                    .findFirst();
            if (value.isEmpty() && nlu.maskedText() != null) {
                Matcher m = slot.pattern().matcher(nlu.maskedText());
                if (m.find()) {
                    value = Optional.ofNullable(m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group());
                }
            }
            value.ifPresent(v -> values.put(slot.name(), v));
        }
        return values;
    }
}
