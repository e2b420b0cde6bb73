package org.supportflow.ticket.tickets;

/** Where a ticket stands with its satisfaction survey. */
public enum CsatStatus {
    /** No question sent (or the ticket was reopened after one). */
    NONE,
    /** The 1–5 question went to the customer; their next rating answer is recorded. */
    AWAITING,
    /** The customer answered. */
    RECORDED
}
