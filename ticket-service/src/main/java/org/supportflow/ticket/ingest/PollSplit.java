package org.supportflow.ticket.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which events of a poll take the cheap bot-only path (appended to the conversation's history) and which the
 * full ticket path (row locks, inbox, entities). An event goes the full way when its conversation has a ticket
 * a message can still change, when it opens one itself (a handoff), or when an earlier event of its
 * conversation in the same poll went the full way: from there on that conversation's events follow it, so that
 * applying the bot-only part first and the full-path part after keeps every conversation's order.
 *
 * @param botOnly  events for the history, in poll order
 * @param fullPath events for the ticket machinery, in poll order
 */
public record PollSplit<T>(List<T> botOnly, List<T> fullPath) {

    public static <T> PollSplit<T> of(List<T> events, Function<T, String> conversationOf, Predicate<T> opensTicket,
                                      Set<String> conversationsWithTicket) {
        Set<String> full = new HashSet<>(conversationsWithTicket);
        List<T> botOnly = new ArrayList<>();
        List<T> fullPath = new ArrayList<>();
        for (T event : events) {
            String conversationId = conversationOf.apply(event);
            if (full.contains(conversationId) || opensTicket.test(event)) {
                full.add(conversationId);
                fullPath.add(event);
            } else {
                botOnly.add(event);
            }
        }
        return new PollSplit<>(List.copyOf(botOnly), List.copyOf(fullPath));
    }
}
