package org.supportflow.ticket.sla;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.LockOptions;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.ticket.audit.AuditLog;
import org.supportflow.ticket.publish.EventPublisher;
import org.supportflow.ticket.tickets.Ticket;
import org.supportflow.ticket.tickets.TicketEvents;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Finds tickets whose first-reply or resolution target has passed and publishes SLA_BREACHED once per
 * breach: the breach is stamped on the ticket in the same transaction, and rows another replica is
 * stamping are skipped.
 */
@ApplicationScoped
public class SlaBreaches {

    public static final String FIRST_RESPONSE = "first_response";
    public static final String RESOLUTION = "resolution";
    private static final int BATCH = 200;
    private static final List<TicketStatus> ACTIVE = List.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING);

    private final EntityManager em;
    private final EventPublisher publisher;
    private final AuditLog audit;

    public SlaBreaches(EntityManager em, EventPublisher publisher, AuditLog audit) {
        this.em = em;
        this.publisher = publisher;
        this.audit = audit;
    }

    /** Stamps and announces every breach due at {@code now}; returns how many it found. */
    @Transactional
    public int publishBreaches(Instant now) {
        List<Ticket> firstResponse = lockDue("""
                from Ticket where status in :active and firstRespondedAt is null
                and firstResponseDueAt < :now and firstResponseBreachedAt is null""", now);
        for (Ticket ticket : firstResponse) {
            ticket.firstResponseBreachedAt = now;
            announce(ticket, FIRST_RESPONSE, ticket.firstResponseDueAt, now);
        }
        // A PENDING ticket's resolution clock is stopped (resolutionPausedAt is set): no breach while it waits.
        List<Ticket> resolution = lockDue("""
                from Ticket where status in :active and resolutionPausedAt is null
                and resolutionDueAt < :now and resolutionBreachedAt is null""", now);
        for (Ticket ticket : resolution) {
            ticket.resolutionBreachedAt = now;
            announce(ticket, RESOLUTION, ticket.resolutionDueAt, now);
        }
        return firstResponse.size() + resolution.size();
    }

    /**
     * A batch of active tickets matching {@code query} at {@code now}, locked for this transaction; rows another
     * replica's sweep holds are skipped, so two replicas never announce the same breach.
     */
    private List<Ticket> lockDue(String query, Instant now) {
        return em.createQuery(query, Ticket.class)
                .setParameter("active", ACTIVE)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .setMaxResults(BATCH)
                .getResultList();
    }

    private void announce(Ticket ticket, String target, Instant dueAt, Instant now) {
        audit.record(ticket.id, AuditLog.SYSTEM, "SLA_BREACHED", Map.of("sla", target, "dueAt", dueAt));
        publisher.ticketEventAfterCommit(TicketEvents.of(ticket, TicketEvent.Type.SLA_BREACHED, null,
                Map.of("sla", target, "dueAt", dueAt.toString()), now));
    }
}
