package org.supportflow.ticket.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.AgentAssignmentEvent;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.RoutingDecision;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.ticket.audit.AuditLog;
import org.supportflow.ticket.csat.CsatSurvey;
import org.supportflow.ticket.customers.CustomerStore;
import org.supportflow.ticket.tickets.Ticket;
import org.supportflow.ticket.tickets.TicketWorkflow;
import org.supportflow.ticket.transcript.Conversation;
import org.supportflow.ticket.transcript.Message;
import org.supportflow.ticket.transcript.TranscriptStore;
import org.supportflow.web.LogSafe;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the conversation topics to tickets and transcripts, idempotently and in any arrival order:
 * each event once (by event id), each message once (by conversation and message id), every ticket
 * change of a conversation under that conversation's row lock. The full path: events of conversations with
 * a ticket and the events that open one ({@link BotPathIngest} keeps the others as bot-only history).
 */
@ApplicationScoped
public class ConversationIngest {

    private static final Logger LOG = Logger.getLogger(ConversationIngest.class);

    private final ProcessedEvents processed;
    private final CustomerStore customers;
    private final TranscriptStore transcript;
    private final TicketWorkflow workflow;
    private final CsatSurvey csat;
    private final Clock clock;

    public ConversationIngest(ProcessedEvents processed, CustomerStore customers, TranscriptStore transcript,
                              TicketWorkflow workflow, CsatSurvey csat, Clock clock) {
        this.processed = processed;
        this.customers = customers;
        this.transcript = transcript;
        this.workflow = workflow;
        this.csat = csat;
        this.clock = clock;
    }

    /** A customer message with raw text and profile: stores both, reopens or rates a solved ticket. */
    @Transactional
    public void onInbound(InboundMessageEvent event) {
        Instant now = clock.instant();
        if (processed.firstTime(event.eventId(), Topics.CONVERSATION_INBOUND, now)) {
            applyInbound(event, now);
        }
    }

    /** {@link #onInbound} once the event is known to be new (the caller recorded it in the inbox). */
    void applyInbound(InboundMessageEvent event, Instant now) {
        customers.record(event.customer(), event.channelId(), event.channelType(), now);
        Conversation conversation = transcript.lockConversation(event.conversationId(), event.channelId(),
                event.channelType(), event.customer().id(), now);
        Message message = transcript.upsertMessage(event.conversationId(), event.messageId(), Author.CUSTOMER,
                Message.KIND_CUSTOMER, occurredAt(event.occurredAt(), now), now);
        boolean onTicketWithoutWords = message.ticketId != null && message.text == null;
        if (!message.erased) {
            message.text = event.text();
        }
        message.occurredAt = occurredAt(event.occurredAt(), now);
        if (onTicketWithoutWords) {
            announceUpdate(message, now);
        }
        customerMessageArrived(conversation, message, event.text(), now);
        LOG.debugf("inbound message %s of conversation %s stored", LogSafe.id(event.messageId()), event.conversationId());
    }

    /** The NLU's reading and the routing decision of a customer message: annotations, handoff, assignment. */
    @Transactional
    public void onRouted(RoutedMessageEvent event) {
        Instant now = clock.instant();
        if (processed.firstTime(event.eventId(), Topics.CONVERSATION_ROUTED, now)) {
            applyRouted(event, now);
        }
    }

    /** {@link #onRouted} once the event is known to be new (the caller recorded it in the inbox). */
    void applyRouted(RoutedMessageEvent event, Instant now) {
        String customerId = event.customer() == null ? null : event.customer().id();
        Conversation conversation = transcript.lockConversation(event.conversationId(), event.channelId(),
                event.channelType(), customerId, now);
        Message message = transcript.upsertMessage(event.conversationId(), event.messageId(), Author.CUSTOMER,
                Message.KIND_CUSTOMER, occurredAt(event.receivedAt() != null ? event.receivedAt() : event.occurredAt(),
                        now), now);
        boolean alreadyOnTicket = message.ticketId != null;
        RoutingDecision decision = event.decision();
        annotate(message, event.nlu(), decision);
        message.action = Message.actionJson(event.action());
        if (alreadyOnTicket) {
            announceUpdate(message, now);
        }
        customerMessageArrived(conversation, message, message.text != null ? message.text : message.maskedText, now);

        if (!decision.toHuman()) {
            return;
        }
        Priority priority = decision.priority() == null ? Priority.NORMAL : decision.priority();
        String intent = event.nlu() == null ? null : event.nlu().intent();
        Optional<Ticket> active = lockedActiveTicket(conversation.id);
        Ticket ticket;
        if (active.isEmpty()) {
            ticket = workflow.create(conversation, priority, decision.handoffReason(), intent, message.messageId,
                    false, AuditLog.ROUTING, now);
            message.ticketId = ticket.id;
        } else {
            ticket = active.get();
            if (ticket.awaitingHandoff) {
                workflow.completeHandoff(ticket, priority, decision.handoffReason(), intent, message.messageId,
                        AuditLog.ROUTING, now);
                message.ticketId = ticket.id;
            } else if (priority.compareTo(ticket.priority) > 0) {
                workflow.changePriority(ticket, priority, AuditLog.ROUTING, now);
            }
            workflow.attachCustomerMessage(ticket, message, now);
        }
        if (decision.agentId() != null && ticket.assigneeId == null) {
            workflow.assign(ticket, decision.agentId(), AuditLog.ROUTING, now);
        }
    }

    /** A reply to the customer (bot, agent, system): a transcript entry, linked to the active ticket. */
    @Transactional
    public void onOutbound(OutboundMessageEvent event) {
        Instant now = clock.instant();
        if (processed.firstTime(event.eventId(), Topics.CONVERSATION_OUTBOUND, now)) {
            applyOutbound(event, now);
        }
    }

    /** {@link #onOutbound} once the event is known to be new (the caller recorded it in the inbox). */
    void applyOutbound(OutboundMessageEvent event, Instant now) {
        Conversation conversation = transcript.lockConversation(event.conversationId(), event.channelId(), null,
                null, now);
        String kind = event.kind() == null ? OutboundMessageEvent.Kind.ANSWER.name() : event.kind().name();
        Message message = transcript.upsertMessage(event.conversationId(), messageIdOf(event), event.author(), kind,
                occurredAt(event.occurredAt(), now), now);
        if (message.text == null && !message.erased) {
            message.text = event.text();
            message.agentId = event.agentId();
            message.inReplyTo = event.inReplyTo();
            message.quickReplies = Message.joinQuickReplies(event.quickReplies());
        }
        if (message.ticketId == null) {
            Ticket.activeOf(conversation.id).ifPresent(ticket -> message.ticketId = ticket.id);
        }
    }

    /**
     * Routing gave the conversation to an agent. The handoff may not have arrived yet: then a ticket shell
     * is opened and the handoff completes it. An assignment for a message whose ticket has ended is stale.
     */
    @Transactional
    public void onAssignment(AgentAssignmentEvent event) {
        Instant now = clock.instant();
        if (!processed.firstTime(event.eventId(), Topics.AGENT_ASSIGNMENTS, now)) {
            return;
        }
        Conversation conversation = transcript.lockConversation(event.conversationId(), event.channelId(), null,
                null, now);
        Optional<Ticket> active = lockedActiveTicket(conversation.id);
        Ticket ticket;
        if (active.isPresent()) {
            ticket = active.get();
        } else {
            if (event.messageId() != null && endedTicketHandled(conversation.id, event.messageId())) {
                LOG.infof("stale assignment of conversation %s ignored: its ticket has ended", conversation.id);
                return;
            }
            ticket = workflow.create(conversation, event.priority(), null, null, event.messageId(), true,
                    AuditLog.ROUTING, now);
        }
        workflow.assign(ticket, event.agentId(), AuditLog.ROUTING, now);
    }

    /**
     * What a customer message means for the conversation's latest ticket, decided once per message (whichever
     * of inbound and routed comes first): a CSAT answer, a message on the active ticket, or a reopening of a
     * solved one.
     */
    private void customerMessageArrived(Conversation conversation, Message message, String text, Instant now) {
        if (message.ticketId != null) {
            return;
        }
        Optional<Ticket> latest = Ticket.latestOf(conversation.id, LockModeType.PESSIMISTIC_WRITE);
        if (latest.isEmpty()) {
            return;
        }
        Ticket ticket = latest.get();
        if (csat.recordIfAnswer(ticket, message, text, now)) {
            return;
        }
        if (ticket.isActive()) {
            workflow.attachCustomerMessage(ticket, message, now);
        } else if (ticket.status == TicketStatus.SOLVED) {
            workflow.changeStatus(ticket, TicketStatus.OPEN, AuditLog.CUSTOMER, message.messageId, now);
            workflow.attachCustomerMessage(ticket, message, now);
        }
    }

    /** The message's words or reading came after it joined its ticket: consoles showing it reload it. */
    private void announceUpdate(Message message, Instant now) {
        Ticket ticket = Ticket.findById(message.ticketId);
        if (ticket != null) {
            workflow.publish(ticket, TicketEvent.Type.MESSAGE_UPDATED, message.messageId, Map.of(), now);
        }
    }

    private boolean endedTicketHandled(String conversationId, String messageId) {
        return Message.of(conversationId, messageId)
                .map(message -> message.ticketId)
                .flatMap(ticketId -> Optional.ofNullable(Ticket.<Ticket>findById(ticketId)))
                .filter(ticket -> !ticket.isActive())
                .isPresent();
    }

    private Optional<Ticket> lockedActiveTicket(String conversationId) {
        // Locked as loaded, in one statement, so what comes back is current. A ticket read unlocked earlier in the
        // event (announceUpdate) fails as stale if it changed since, and the poll is retried (TicketLockTest).
        return Ticket.activeOf(conversationId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static void annotate(Message message, NluResult nlu, RoutingDecision decision) {
        message.route = decision.route().name();
        if (nlu == null) {
            return;
        }
        message.maskedText = nlu.maskedText();
        message.language = nlu.language();
        message.intent = nlu.intent();
        message.confidence = nlu.confidence();
        message.sentiment = nlu.sentiment() == null ? null : nlu.sentiment().wireName();
        message.sentimentScore = nlu.sentimentScore();
        message.urgency = nlu.urgency() == null ? null : nlu.urgency().wireName();
        message.nluModel = nlu.modelVersion();
        message.entities = Message.entitiesJson(nlu.entities());
        if (nlu.answer() != null) {
            message.answerId = nlu.answer().answerId();
            message.answerText = nlu.answer().text();
        }
    }

    private static String messageIdOf(OutboundMessageEvent event) {
        return event.messageId() != null ? event.messageId() : "out-" + event.eventId();
    }

    private static Instant occurredAt(Instant reported, Instant now) {
        return reported != null ? reported : now;
    }
}
