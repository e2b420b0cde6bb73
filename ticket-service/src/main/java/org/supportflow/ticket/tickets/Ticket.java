package org.supportflow.ticket.tickets;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.OptimisticLock;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conversation handed to humans. One conversation has at most one active ticket (NEW, OPEN, PENDING);
 * later handoffs after CLOSED open a new one. {@link #version} guards agents' concurrent edits.
 */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "channel_id")
    public String channelId;

    @Column(name = "customer_id")
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Column(name = "assignee_id")
    public String assigneeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "handoff_reason")
    public HandoffReason handoffReason;

    public String intent;

    @Column(name = "opening_message_id")
    public String openingMessageId;

    /** Created from an agent assignment before the handoff itself arrived; the handoff fills it in. */
    @Column(name = "awaiting_handoff", nullable = false)
    public boolean awaitingHandoff;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "first_response_due_at")
    public Instant firstResponseDueAt;

    @Column(name = "resolution_due_at")
    public Instant resolutionDueAt;

    /** Since when the resolution clock is stopped (the ticket is PENDING); null while it runs. */
    @Column(name = "resolution_paused_at")
    public Instant resolutionPausedAt;

    /** Business time spent PENDING so far, by which {@link #resolutionDueAt} has moved. */
    @Column(name = "resolution_paused_seconds", nullable = false)
    public long resolutionPausedSeconds;

    @Column(name = "first_responded_at")
    public Instant firstRespondedAt;

    @Column(name = "solved_at")
    public Instant solvedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Stamped by the breach monitor; not an edit, so it does not bump {@link #version}. */
    @OptimisticLock(excluded = true)
    @Column(name = "first_response_breached_at")
    public Instant firstResponseBreachedAt;

    @OptimisticLock(excluded = true)
    @Column(name = "resolution_breached_at")
    public Instant resolutionBreachedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "csat_status", nullable = false)
    public CsatStatus csatStatus = CsatStatus.NONE;

    @Column(name = "csat_requested_at")
    public Instant csatRequestedAt;

    @Column(name = "csat_score")
    public Integer csatScore;

    @Column(name = "csat_recorded_at")
    public Instant csatRecordedAt;

    // Lazy: the ingest loads a ticket for every event of its conversation and never reads its tags (one select
    // each when eager); the views read them inside their transaction, loaded in batches for a page of tickets.
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "ticket_tag", joinColumns = @JoinColumn(name = "ticket_id"))
    @Column(name = "tag")
    public Set<String> tags = new TreeSet<>();

    /**
     * The conversation's ticket an agent is working on. One parameter per status, not a list: Hibernate caches
     * the SQL of a query without list parameters, and this one runs for every event of a ticket conversation.
     */
    public static Optional<Ticket> activeOf(String conversationId) {
        return activeOf(conversationId, LockModeType.NONE);
    }

    /**
     * {@link #activeOf} locked as it is loaded, in one statement ({@code for no key update}): PostgreSQL reads the
     * row once the lock is granted, so the ticket is current even if another transaction changed it meanwhile.
     * A ticket this transaction had loaded before without a lock is locked against the version it was loaded
     * with: changed since, it fails as stale (an optimistic-lock conflict) instead of being used as loaded.
     */
    public static Optional<Ticket> activeOf(String conversationId, LockModeType lock) {
        return find("conversationId = ?1 and status in (?2, ?3, ?4)", conversationId,
                TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING)
                .withLock(lock)
                .firstResultOptional();
    }

    public static Optional<Ticket> latestOf(String conversationId) {
        return latestOf(conversationId, LockModeType.NONE);
    }

    /** {@link #latestOf}, locked as it is loaded as {@link #activeOf(String, LockModeType)} is. */
    public static Optional<Ticket> latestOf(String conversationId, LockModeType lock) {
        return find("conversationId = ?1 order by createdAt desc, id desc", conversationId)
                .withLock(lock)
                .firstResultOptional();
    }

    public boolean isActive() {
        return status.isActive();
    }
}
