package org.supportflow.ticket.csat;

import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.ticket.audit.AuditLog;
import org.supportflow.ticket.common.TicketConfig;
import org.supportflow.ticket.customers.CustomerProfile;
import org.supportflow.ticket.publish.EventPublisher;
import org.supportflow.ticket.tickets.CsatStatus;
import org.supportflow.ticket.tickets.Ticket;
import org.supportflow.ticket.tickets.TicketEvents;
import org.supportflow.ticket.transcript.Message;

import java.time.Instant;
import java.util.Map;

/**
 * Customer satisfaction: a solved ticket sends the customer a 1–5 question on their channel and waits for
 * the answer; the customer's next message that reads as a rating is recorded on the ticket.
 */
@ApplicationScoped
public class CsatSurvey {

    private final EventPublisher publisher;
    private final AuditLog audit;
    private final boolean enabled;

    public CsatSurvey(EventPublisher publisher, AuditLog audit, TicketConfig config) {
        this.publisher = publisher;
        this.audit = audit;
        this.enabled = config.csat().enabled();
    }

    /** Adds the question to the transcript, marks the ticket awaiting, sends the question once that commits. */
    public void request(Ticket ticket, Instant now) {
        if (!enabled || ticket.channelId == null) {
            return;
        }
        CustomerProfile customer = ticket.customerId == null ? null : CustomerProfile.findById(ticket.customerId);
        OutboundMessageEvent question = OutboundMessageEvent.of(ticket.conversationId, ticket.channelId, null,
                Author.SYSTEM, null, OutboundMessageEvent.Kind.CSAT_QUESTION,
                CsatQuestions.question(customer == null ? null : customer.locale), CsatQuestions.QUICK_REPLIES);
        Message entry = new Message();
        entry.conversationId = ticket.conversationId;
        entry.messageId = question.messageId();
        entry.ticketId = ticket.id;
        entry.author = Author.SYSTEM;
        entry.kind = OutboundMessageEvent.Kind.CSAT_QUESTION.name();
        entry.text = question.text();
        entry.quickReplies = Message.joinQuickReplies(question.quickReplies());
        entry.occurredAt = now;
        entry.createdAt = now;
        entry.persistAndFlush();
        publisher.outboundAfterCommit(question);

        ticket.csatStatus = CsatStatus.AWAITING;
        ticket.csatRequestedAt = now;
        audit.record(ticket.id, AuditLog.SYSTEM, "CSAT_REQUESTED", Map.of("messageId", question.messageId()));
        publisher.ticketEventAfterCommit(TicketEvents.of(ticket, TicketEvent.Type.CSAT_REQUESTED,
                question.messageId(), Map.of(), now));
    }

    /** Records the customer's rating if the ticket waits for one and the message reads as a 1–5 answer. */
    public boolean recordIfAnswer(Ticket ticket, Message message, String text, Instant now) {
        if (ticket.csatStatus != CsatStatus.AWAITING) {
            return false;
        }
        var score = CsatAnswers.parse(text);
        if (score.isEmpty()) {
            return false;
        }
        ticket.csatScore = score.getAsInt();
        ticket.csatStatus = CsatStatus.RECORDED;
        ticket.csatRecordedAt = now;
        message.ticketId = ticket.id;
        message.kind = "CSAT_ANSWER";
        audit.record(ticket.id, AuditLog.CUSTOMER, "CSAT_RECORDED", Map.of("score", ticket.csatScore));
        publisher.ticketEventAfterCommit(TicketEvents.of(ticket, TicketEvent.Type.CSAT_RECORDED, message.messageId,
                Map.of(), now));
        return true;
    }
}
