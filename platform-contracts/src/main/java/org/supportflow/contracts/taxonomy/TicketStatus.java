package org.supportflow.contracts.taxonomy;

/** Ticket lifecycle (CONTRACT.md §2): NEW → OPEN → PENDING ↔ OPEN → SOLVED → CLOSED. */
public enum TicketStatus {
    NEW, OPEN, PENDING, SOLVED, CLOSED;

    /** Whether an agent is still working on the conversation, so the bot must stay silent in it. */
    public boolean isActive() {
        return this == NEW || this == OPEN || this == PENDING;
    }
}
