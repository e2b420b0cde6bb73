package org.supportflow.routing.actions;

import java.util.Objects;

/**
 * A form the bot is filling in a conversation: the action waits for a slot the customer was asked for.
 *
 * @param action   the action's name
 * @param slot     the slot asked for
 * @param attempts the customer's replies so far that did not fill it
 * @param language the language the form was started in: the bot keeps it while the form goes on (a reply holding
 *                 only a number has no language of its own)
 */
public record PendingForm(String action, String slot, int attempts, String language) {
    public PendingForm {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(slot, "slot");
    }
}
