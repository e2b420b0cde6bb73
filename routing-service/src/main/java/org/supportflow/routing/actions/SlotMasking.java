package org.supportflow.routing.actions;

import org.supportflow.contracts.events.NluResult;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Masks slot values in what routing publishes on {@code conversation.routed} (read by analytics and
 * ticket-service): every match of any action's slot pattern in the masked text, and every entity of a slot's
 * type or matching its pattern, becomes the slot's placeholder ({@code [ORDER_NUMBER]}). Applied to every
 * message while the domain has actions, not only to those that filled a form, so that a value typed before the
 * bot asked for it is masked too. Deterministic: a redelivered message is published as the same event.
 */
public final class SlotMasking {

    private SlotMasking() {
    }

    public static NluResult mask(NluResult nlu, ActionCatalog catalog) {
        if (nlu == null || catalog.all().isEmpty()) {
            return nlu;
        }
        String text = nlu.maskedText();
        List<NluResult.Entity> entities = new ArrayList<>(nlu.entities());
        boolean changed = false;
        for (ActionSpec action : catalog.all()) {
            for (ActionSpec.Slot slot : action.slots()) {
                if (text != null) {
                    Matcher m = slot.pattern().matcher(text);
                    String masked = m.replaceAll(Matcher.quoteReplacement(slot.placeholder()));
                    changed |= !masked.equals(text);
                    text = masked;
                }
                for (int i = 0; i < entities.size(); i++) {
                    NluResult.Entity e = entities.get(i);
                    if (e.value() != null && !e.value().equals(slot.placeholder())
                            && ((slot.entity() != null && slot.entity().equals(e.type()))
                            || slot.pattern().matcher(e.value()).find())) {
                        entities.set(i, new NluResult.Entity(e.type(), slot.placeholder()));
                        changed = true;
                    }
                }
            }
        }
        if (!changed) {
            return nlu;
        }
        return new NluResult(nlu.language(), nlu.intent(), nlu.confidence(), nlu.ranking(), nlu.sentiment(),
                nlu.sentimentScore(), nlu.urgency(), entities, text, nlu.answer(), nlu.modelVersion());
    }
}
