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

    /** The milestone the fact reaches, null if none: {@link #condition()} on a fact in memory (keep them alike). */
    public static TicketMilestone of(TicketFact fact) {
        if ("AGENT_REPLIED".equals(fact.type())) {
            return FIRST_REPLY;
        }
        boolean resolved = "SOLVED".equals(fact.status()) || "CLOSED".equals(fact.status());
        if ("STATUS_CHANGED".equals(fact.type()) && resolved) {
            return RESOLUTION;
        }
        return null;
    }
}
