package org.supportflow.ticket.audit;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Appends to a ticket's audit trail in the caller's transaction. */
@ApplicationScoped
public class AuditLog {

    /** Actor of changes that come from the platform's events rather than from a person. */
    public static final String SYSTEM = "system";
    public static final String ROUTING = "routing-service";
    public static final String CUSTOMER = "customer";

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    public void record(String ticketId, String actor, String action, Map<String, ?> details) {
        AuditEntry entry = new AuditEntry();
        entry.ticketId = ticketId;
        entry.actor = actor;
        entry.action = action;
        entry.details = details == null || details.isEmpty() ? null
                : new TreeMap<>(details).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        entry.occurredAt = clock.instant();
        entry.persist();
    }
}
