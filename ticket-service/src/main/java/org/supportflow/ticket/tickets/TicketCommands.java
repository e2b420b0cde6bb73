package org.supportflow.ticket.tickets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.ticket.audit.AuditLog;
import org.supportflow.web.ApiException;
import org.supportflow.ticket.common.CurrentUser;
import org.supportflow.ticket.common.Requests;
import org.supportflow.ticket.publish.EventPublisher;
import org.supportflow.ticket.sla.SlaPolicy;
import org.supportflow.ticket.tickets.TicketViews.NoteView;
import org.supportflow.ticket.tickets.TicketViews.ReplyView;
import org.supportflow.ticket.tickets.TicketViews.TicketView;
import org.supportflow.ticket.transcript.Conversation;
import org.supportflow.ticket.transcript.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Agents' changes to tickets: replies, internal notes and field updates with optimistic locking. */
@ApplicationScoped
public class TicketCommands {

    public static final int MAX_REPLY_LENGTH = 4000;
    public static final int MAX_NOTE_LENGTH = 10_000;
    public static final int MAX_TAGS = 20;

    private final TicketAccess access;
    private final TicketWorkflow workflow;
    private final EventPublisher publisher;
    private final AuditLog audit;
    private final SlaPolicy sla;
    private final EntityManager em;
    private final Clock clock;

    public TicketCommands(TicketAccess access, TicketWorkflow workflow, EventPublisher publisher, AuditLog audit,
                          SlaPolicy sla, EntityManager em, Clock clock) {
        this.access = access;
        this.workflow = workflow;
        this.publisher = publisher;
        this.audit = audit;
        this.sla = sla;
        this.em = em;
        this.clock = clock;
    }

    /**
     * Records an agent's reply and sends it to the customer's channel ({@code conversation.outbound}, author
     * AGENT, kind AGENT_REPLY) once the transaction commits. An agent replying to a queued ticket takes it.
     */
    @Transactional
    public ReplyView reply(String ticketId, String text, CurrentUser user) {
        String body = text.strip();
        Ticket ticket = access.lockedForChange(ticketId, user);
        if (ticket.status == TicketStatus.CLOSED) {
            throw ApiException.conflict("ticket_closed", "ticket " + ticketId + " is closed");
        }
        Conversation conversation = Conversation.findById(ticket.conversationId);
        if (conversation == null || "unknown".equals(conversation.channelId)) {
            throw ApiException.conflict("no_channel", "the customer's channel of this ticket is not known yet");
        }
        Instant now = clock.instant();
        if (ticket.assigneeId == null && !user.seesAllTickets()) {
            workflow.assign(ticket, user.id(), user.id(), now);
        }
        String inReplyTo = Message.<Message>find(
                        "conversationId = ?1 and author = ?2 order by occurredAt desc, id desc",
                        ticket.conversationId, Author.CUSTOMER)
                .firstResultOptional().map(message -> message.messageId).orElse(null);
        OutboundMessageEvent reply = OutboundMessageEvent.of(ticket.conversationId, conversation.channelId, inReplyTo,
                Author.AGENT, user.id(), OutboundMessageEvent.Kind.AGENT_REPLY, body, List.of());

        Message entry = new Message();
        entry.conversationId = ticket.conversationId;
        entry.messageId = reply.messageId();
        entry.ticketId = ticket.id;
        entry.author = Author.AGENT;
        entry.kind = OutboundMessageEvent.Kind.AGENT_REPLY.name();
        entry.agentId = user.id();
        entry.inReplyTo = inReplyTo;
        entry.text = body;
        entry.occurredAt = now;
        entry.createdAt = now;
        entry.persist();
        workflow.agentReplied(ticket, user.id(), reply.messageId(), now);
        // published only if all of this commits: the customer never gets a reply the transcript lacks
        publisher.outboundAfterCommit(reply);
        em.flush();
        return new ReplyView(reply.messageId(), ticket.id, now, ticket.version);
    }

    /** An internal note: part of the ticket's transcript, never published. */
    @Transactional
    public NoteView note(String ticketId, String text, CurrentUser user) {
        String body = text.strip();
        Ticket ticket = access.lockedForChange(ticketId, user);
        Instant now = clock.instant();
        Message note = new Message();
        note.conversationId = ticket.conversationId;
        note.messageId = "note-" + UUID.randomUUID();
        note.ticketId = ticket.id;
        note.author = Author.AGENT;
        note.kind = Message.KIND_NOTE;
        note.internal = true;
        note.agentId = user.id();
        note.text = body;
        note.occurredAt = now;
        note.createdAt = now;
        note.persist();
        audit.record(ticket.id, user.id(), "NOTE_ADDED", Map.of("messageId", note.messageId));
        return new NoteView(note.messageId, ticket.id, now);
    }

    /**
     * Updates status, priority, assignee and tags (the body is validated by its annotations). The caller states
     * the version it read, in the body ({@code version}: 409 when stale) or as {@code If-Match} (412 when
     * stale); without either: 428.
     */
    @Transactional
    public TicketView patch(String ticketId, TicketPatch changes, String ifMatch, CurrentUser user) {
        if (changes.changesNothing()) {
            throw ApiException.badRequest("invalid_request", "nothing to change: give status, priority, assignee or tags");
        }
        Long bodyVersion = changes.version();
        Long headerVersion = ifMatchVersion(ifMatch);
        if (bodyVersion == null && headerVersion == null) {
            throw new ApiException(428, "precondition_required",
                    "give the version you read, as \"version\" in the body or as an If-Match header");
        }
        TicketStatus status = changes.status() == null ? null
                : Requests.enumValue(TicketStatus.class, "status", changes.status());
        Priority priority = changes.priority() == null ? null
                : Requests.enumValue(Priority.class, "priority", changes.priority());
        Set<String> tags = changes.tags() == null ? null : new TreeSet<>(changes.tags());
        String assignee = changes.assignee() == null ? null : changes.assignee().map(String::strip).orElse(null);

        Ticket ticket = access.lockedForChange(ticketId, user);
        if (headerVersion != null && headerVersion != ticket.version) {
            throw ApiException.preconditionFailed("ticket " + ticketId + " is at version " + ticket.version
                    + ", not " + headerVersion + "; reload it and retry");
        }
        if (bodyVersion != null && bodyVersion != ticket.version) {
            throw ApiException.conflict("version_conflict", "ticket " + ticketId + " is at version " + ticket.version
                    + ", not " + bodyVersion + "; reload it and retry");
        }
        Instant now = clock.instant();
        if (changes.assignee() != null) {
            if (!user.seesAllTickets() && assignee != null && !assignee.equals(user.id())) {
                throw ApiException.forbidden("agents can assign tickets only to themselves");
            }
            workflow.assign(ticket, assignee, user.id(), now);
        }
        if (priority != null) {
            workflow.changePriority(ticket, priority, user.id(), now);
        }
        if (tags != null && !tags.equals(ticket.tags)) {
            audit.record(ticket.id, user.id(), "TAGS_CHANGED", Map.of("from", ticket.tags, "to", tags));
            ticket.tags.clear();
            ticket.tags.addAll(tags);
            ticket.updatedAt = now;
        }
        if (status != null) {
            workflow.changeStatus(ticket, status, user.id(), null, now);
        }
        em.flush();
        return TicketView.of(ticket, sla, now);
    }

    /** {@code If-Match: "3"}, {@code W/"3"} or {@code 3}. */
    static Long ifMatchVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_request", "If-Match must be the ticket version, e.g. \"3\"");
        }
    }
}
