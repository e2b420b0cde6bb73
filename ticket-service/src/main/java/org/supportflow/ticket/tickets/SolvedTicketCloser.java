package org.supportflow.ticket.tickets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.LockOptions;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.ticket.audit.AuditLog;

import java.time.Instant;
import java.util.List;

/** Closes SOLVED tickets the customer has not reopened for a while (SOLVED → CLOSED). */
@ApplicationScoped
public class SolvedTicketCloser {

    private static final int BATCH = 200;

    private final EntityManager em;
    private final TicketWorkflow workflow;

    public SolvedTicketCloser(EntityManager em, TicketWorkflow workflow) {
        this.em = em;
        this.workflow = workflow;
    }

    /** Closes tickets solved before {@code cutoff}; rows another replica is closing are skipped. */
    @Transactional
    public int closeSolvedBefore(Instant cutoff, Instant now) {
        List<Ticket> tickets = em.createQuery("from Ticket where status = :solved and solvedAt < :cutoff", Ticket.class)
                .setParameter("solved", TicketStatus.SOLVED)
                .setParameter("cutoff", cutoff)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .setMaxResults(BATCH)
                .getResultList();
        tickets.forEach(ticket -> workflow.changeStatus(ticket, TicketStatus.CLOSED, AuditLog.SYSTEM, null, now));
        return tickets.size();
    }
}
