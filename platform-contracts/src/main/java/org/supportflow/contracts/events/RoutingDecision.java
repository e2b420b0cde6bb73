package org.supportflow.contracts.events;

import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;

/**
 * Bot or human for one customer message.
 *
 * @param handoffReason why it went to a human; null for {@link Route#BOT}
 * @param agentId       the agent it was assigned to, or null while it waits in the queue
 * @param afterHours    whether it arrived outside the support team's business hours
 */
public record RoutingDecision(Route route, HandoffReason handoffReason, Priority priority, String agentId,
                              boolean afterHours) {

    public enum Route {
        /** The bot answers. */
        BOT,
        /** A human takes over: a ticket is opened or continued. */
        HUMAN,
        /** A human already owns the conversation: the message joins the ticket, the bot stays silent. */
        HUMAN_CONTINUED
    }

    public boolean toHuman() {
        return route != Route.BOT;
    }
}
