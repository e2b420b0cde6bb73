package org.supportflow.analytics.facts;

/** The ticket events that end a measured duration: the first agent reply and the resolution. */
public enum TicketMilestone {
    /** The first {@code AGENT_REPLIED}: ends the first-response time. */
    FIRST_REPLY("type = 'AGENT_REPLIED'"),
    /** The first change to {@code SOLVED} (or straight to {@code CLOSED}): ends the resolution time. */
    RESOLUTION("type = 'STATUS_CHANGED' and status in ('SOLVED', 'CLOSED')");

    private final String condition;

    TicketMilestone(String condition) {
        this.condition = condition;
    }

    /** SQL condition on {@code ticket_fact} selecting the milestone's events (a constant, never user input). */
    public String condition() {
        return condition;
    }
}
