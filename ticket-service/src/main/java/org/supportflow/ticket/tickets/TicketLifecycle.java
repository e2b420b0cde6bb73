package org.supportflow.ticket.tickets;

import org.supportflow.contracts.taxonomy.TicketStatus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ticket lifecycle {@code NEW → OPEN → PENDING ↔ OPEN → SOLVED → CLOSED}; a SOLVED ticket reopens
 * (→ OPEN) when the customer writes again or an agent reopens it. CLOSED is final.
 */
public final class TicketLifecycle {

    private static final Map<TicketStatus, Set<TicketStatus>> NEXT = new EnumMap<>(TicketStatus.class);

    static {
        NEXT.put(TicketStatus.NEW, EnumSet.of(TicketStatus.OPEN));
        NEXT.put(TicketStatus.OPEN, EnumSet.of(TicketStatus.PENDING, TicketStatus.SOLVED));
        NEXT.put(TicketStatus.PENDING, EnumSet.of(TicketStatus.OPEN));
        NEXT.put(TicketStatus.SOLVED, EnumSet.of(TicketStatus.CLOSED, TicketStatus.OPEN));
        NEXT.put(TicketStatus.CLOSED, EnumSet.noneOf(TicketStatus.class));
    }

    private TicketLifecycle() {
    }

    public static boolean allows(TicketStatus from, TicketStatus to) {
        return NEXT.get(from).contains(to);
    }

    public static Set<TicketStatus> next(TicketStatus from) {
        return EnumSet.copyOf(NEXT.get(from));
    }
}
