package org.supportflow.ticket.tickets;

import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.ticket.audit.AuditLog;
import org.supportflow.web.ApiException;
import org.supportflow.ticket.csat.CsatSurvey;
import org.supportflow.ticket.publish.EventPublisher;
import org.supportflow.ticket.sla.SlaPolicy;
import org.supportflow.ticket.transcript.Conversation;
import org.supportflow.ticket.transcript.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Every change of a ticket, whoever causes it (the platform's events or an agent): applies it, records it
 * in the audit log and publishes the matching {@code ticket.events} record after commit. Callers hold the
 * transaction and the locks.
 */
@ApplicationScoped
public class TicketWorkflow {

    private final EventPublisher publisher;
    private final AuditLog audit;
    private final SlaPolicy sla;
    private final CsatSurvey csat;

    public TicketWorkflow(EventPublisher publisher, AuditLog audit, SlaPolicy sla, CsatSurvey csat) {
        this.publisher = publisher;
        this.audit = audit;
        this.sla = sla;
        this.csat = csat;
    }

    /** Opens a NEW ticket for the conversation, with its SLA due times. */
    public Ticket create(Conversation conversation, Priority priority, HandoffReason reason, String intent,
                         String openingMessageId, boolean awaitingHandoff, String actor, Instant now) {
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID().toString();
        ticket.conversationId = conversation.id;
        ticket.channelId = conversation.channelId;
        ticket.customerId = conversation.customerId;
        ticket.status = TicketStatus.NEW;
        ticket.priority = priority == null ? Priority.NORMAL : priority;
        ticket.handoffReason = reason;
        ticket.intent = intent;
        ticket.openingMessageId = openingMessageId;
        ticket.awaitingHandoff = awaitingHandoff;
        ticket.createdAt = now;
        ticket.updatedAt = now;
        applySlaTargets(ticket);
        ticket.persist();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("priority", ticket.priority);
        if (reason != null) {
            details.put("handoffReason", reason.wireName());
        }
        if (intent != null) {
            details.put("intent", intent);
        }
        audit.record(ticket.id, actor, "CREATED", details);
        publish(ticket, TicketEvent.Type.CREATED, openingMessageId,
                awaitingHandoff ? Map.of("awaitingHandoff", "true") : Map.of(), now);
        return ticket;
    }

    /**
     * Completes a ticket that an agent assignment opened before its handoff arrived: the handoff's reason,
     * intent, opening message and priority.
     */
    public void completeHandoff(Ticket ticket, Priority priority, HandoffReason reason, String intent,
                                String messageId, String actor, Instant now) {
        ticket.awaitingHandoff = false;
        ticket.handoffReason = reason;
        ticket.intent = intent;
        ticket.openingMessageId = messageId;
        ticket.updatedAt = now;
        audit.record(ticket.id, actor, "HANDOFF_MERGED", reason == null ? Map.of()
                : Map.of("handoffReason", reason.wireName()));
        if (priority != null && priority != ticket.priority) {
            changePriority(ticket, priority, actor, now);
        }
    }

    /** Sets the assignee (null: back to the queue); nothing happens when it is already the assignee. */
    public boolean assign(Ticket ticket, String assigneeId, String actor, Instant now) {
        if (Objects.equals(ticket.assigneeId, assigneeId)) {
            return false;
        }
        String previous = ticket.assigneeId;
        ticket.assigneeId = assigneeId;
        ticket.updatedAt = now;
        Map<String, Object> details = new HashMap<>();
        details.put("from", previous == null ? "queue" : previous);
        details.put("to", assigneeId == null ? "queue" : assigneeId);
        audit.record(ticket.id, actor, "ASSIGNED", details);
        publish(ticket, TicketEvent.Type.ASSIGNED, null,
                assigneeId == null ? Map.of("unassigned", "true") : Map.of(), now);
        return true;
    }

    /**
     * Moves the ticket along its lifecycle; 409 for a move the lifecycle does not allow. Solving sends the
     * CSAT question; reopening restarts the resolution clock's stop and cancels a pending survey.
     */
    public void changeStatus(Ticket ticket, TicketStatus to, String actor, String messageId, Instant now) {
        TicketStatus from = ticket.status;
        if (from == to) {
            return;
        }
        if (!TicketLifecycle.allows(from, to)) {
            throw ApiException.conflict("invalid_transition", "a " + from + " ticket cannot become " + to
                    + "; allowed: " + TicketLifecycle.next(from));
        }
        ticket.status = to;
        ticket.updatedAt = now;
        if (from == TicketStatus.PENDING) {
            resumeResolutionClock(ticket, now);
        }
        switch (to) {
            case SOLVED -> ticket.solvedAt = now;
            case CLOSED -> ticket.closedAt = now;
            case PENDING -> ticket.resolutionPausedAt = now;
            case OPEN -> {
                if (from == TicketStatus.SOLVED) {
                    ticket.solvedAt = null;
                    if (ticket.csatStatus == CsatStatus.AWAITING) {
                        ticket.csatStatus = CsatStatus.NONE;
                    }
                }
            }
            default -> {
            }
        }
        audit.record(ticket.id, actor, "STATUS_CHANGED", Map.of("from", from, "to", to));
        publish(ticket, TicketEvent.Type.STATUS_CHANGED, messageId, Map.of("from", from.name()), now);
        if (to == TicketStatus.SOLVED && ticket.csatStatus != CsatStatus.RECORDED) {
            csat.request(ticket, now);
        }
    }

    /** Changes the priority and moves the SLA due times with it. */
    public void changePriority(Ticket ticket, Priority priority, String actor, Instant now) {
        if (ticket.priority == priority) {
            return;
        }
        Priority previous = ticket.priority;
        ticket.priority = priority;
        ticket.updatedAt = now;
        applySlaTargets(ticket);
        audit.record(ticket.id, actor, "PRIORITY_CHANGED", Map.of("from", previous, "to", priority));
        publish(ticket, TicketEvent.Type.PRIORITY_CHANGED, null, Map.of("from", previous.name()), now);
    }

    /**
     * Links a customer message to the ticket; publishes CUSTOMER_MESSAGE the first time only, and not for the
     * message that opened the ticket (CREATED already names it).
     */
    public void attachCustomerMessage(Ticket ticket, Message message, Instant now) {
        if (message.ticketId != null) {
            return;
        }
        message.ticketId = ticket.id;
        if (message.messageId.equals(ticket.openingMessageId)) {
            return;
        }
        publish(ticket, TicketEvent.Type.CUSTOMER_MESSAGE, message.messageId, Map.of(), now);
    }

    /** An agent's reply: the first one stops the first-response clock and moves a NEW ticket to OPEN. */
    public void agentReplied(Ticket ticket, String agentId, String messageId, Instant now) {
        Map<String, String> attributes = new HashMap<>();
        if (ticket.firstRespondedAt == null) {
            ticket.firstRespondedAt = now;
            long seconds = java.time.Duration.between(ticket.createdAt, now).toSeconds();
            attributes.put("firstResponseSeconds", Long.toString(Math.max(0, seconds)));
            attributes.put("firstResponseBusinessSeconds",
                    Long.toString(sla.hours().between(ticket.createdAt, now).toSeconds()));
        }
        ticket.updatedAt = now;
        audit.record(ticket.id, agentId, "REPLIED", Map.of("messageId", messageId));
        publish(ticket, TicketEvent.Type.AGENT_REPLIED, messageId, attributes, now);
        if (ticket.status == TicketStatus.NEW) {
            changeStatus(ticket, TicketStatus.OPEN, agentId, messageId, now);
        }
    }

    public void publish(Ticket ticket, TicketEvent.Type type, String messageId, Map<String, String> attributes,
                        Instant now) {
        publisher.ticketEventAfterCommit(TicketEvents.of(ticket, type, messageId, attributes, now));
    }

    private void applySlaTargets(Ticket ticket) {
        ticket.firstResponseDueAt = sla.firstResponseDue(ticket.createdAt, ticket.priority);
        ticket.resolutionDueAt = sla.resolutionDue(ticket.createdAt, ticket.priority,
                Duration.ofSeconds(ticket.resolutionPausedSeconds));
    }

    /** The customer answered (or an agent took the ticket back): the business time spent PENDING moves the due. */
    private void resumeResolutionClock(Ticket ticket, Instant now) {
        if (ticket.resolutionPausedAt == null) {
            return;
        }
        ticket.resolutionPausedSeconds += sla.hours().between(ticket.resolutionPausedAt, now).toSeconds();
        ticket.resolutionPausedAt = null;
        applySlaTargets(ticket);
    }
}
