package org.supportflow.gateway.conversation;

import org.supportflow.contracts.events.TicketEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A poll of {@code ticket.events} as the few conversation updates that leave the same rows as applying its
 * events one by one, in order. An active status (NEW, OPEN, PENDING: nearly every event, e.g. a message added
 * to an open ticket) only clears the solved time, so a run of them commutes and becomes one update for all
 * their conversations. SOLVED and CLOSED (rare) stay one update each, and the run before them is flushed
 * first: a conversation reopened and then SOLVED in the same poll ends solved, one SOLVED and then reopened
 * ends active. Events without a status change nothing.
 */
public final class TicketStatusUpdates {

    /** One statement's worth of a poll. */
    public sealed interface Update permits MarkActive, MarkSolved, MarkClosed {
    }

    /** The tickets are active again: the solved grace period no longer applies to these conversations. */
    public record MarkActive(List<String> conversationIds) implements Update {
        public MarkActive {
            conversationIds = List.copyOf(conversationIds);
        }
    }

    /** The ticket was SOLVED at {@code at}: its conversation's solved grace period starts. */
    public record MarkSolved(String conversationId, Instant at) implements Update {
    }

    /** The ticket was CLOSED at {@code at}: the customer's next message opens a new conversation. */
    public record MarkClosed(String conversationId, Instant at) implements Update {
    }

    private TicketStatusUpdates() {
    }

    /**
     * The updates for a poll's events, in the order to apply them.
     *
     * @param now the time of an event that does not say when it occurred
     */
    public static List<Update> of(List<TicketEvent> events, Instant now) {
        List<Update> updates = new ArrayList<>();
        Set<String> activeRun = new LinkedHashSet<>();
        for (TicketEvent event : events) {
            if (event == null || event.status() == null) {
                continue;
            }
            Instant at = event.occurredAt() != null ? event.occurredAt() : now;
            switch (event.status()) {
                case NEW, OPEN, PENDING -> activeRun.add(event.conversationId());
                case SOLVED -> {
                    flush(activeRun, updates);
                    updates.add(new MarkSolved(event.conversationId(), at));
                }
                case CLOSED -> {
                    flush(activeRun, updates);
                    updates.add(new MarkClosed(event.conversationId(), at));
                }
            }
        }
        flush(activeRun, updates);
        return updates;
    }

    private static void flush(Set<String> activeRun, List<Update> updates) {
        if (!activeRun.isEmpty()) {
            updates.add(new MarkActive(List.copyOf(activeRun)));
            activeRun.clear();
        }
    }
}
