package org.supportflow.ticket.tickets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.HandoffReason;
import org.supportflow.contracts.taxonomy.Priority;
import org.supportflow.contracts.taxonomy.TicketStatus;
import org.supportflow.ticket.audit.AuditEntry;
import org.supportflow.ticket.sla.SlaPolicy;
import org.supportflow.ticket.transcript.Message;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the agents' API. */
public final class TicketViews {

    private TicketViews() {
    }

    public record TicketView(String id, String conversationId, String channelId, String customerId,
                             TicketStatus status, Priority priority, String assignee, HandoffReason handoffReason,
                             String intent, List<String> tags, long version, Instant createdAt, Instant updatedAt,
                             Sla sla, Csat csat) {

        public static TicketView of(Ticket ticket, SlaPolicy policy, Instant now) {
            boolean running = ticket.isActive();
            return new TicketView(ticket.id, ticket.conversationId, ticket.channelId, ticket.customerId,
                    ticket.status, ticket.priority, ticket.assigneeId, ticket.handoffReason, ticket.intent,
                    ticket.tags.stream().sorted().toList(), ticket.version, ticket.createdAt, ticket.updatedAt,
                    new Sla(new SlaTarget(ticket.firstResponseDueAt, ticket.firstRespondedAt,
                            policy.state(ticket.firstResponseDueAt, ticket.firstRespondedAt, running, now)),
                            new SlaTarget(ticket.resolutionDueAt, ticket.solvedAt,
                                    ticket.resolutionPausedAt != null ? SlaPolicy.TargetState.PAUSED
                                            : policy.state(ticket.resolutionDueAt, ticket.solvedAt, running, now))),
                    new Csat(ticket.csatStatus, ticket.csatScore, ticket.csatRequestedAt, ticket.csatRecordedAt));
        }
    }

    public record Sla(SlaTarget firstResponse, SlaTarget resolution) {
    }

    public record SlaTarget(Instant dueAt, Instant metAt, SlaPolicy.TargetState state) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Csat(CsatStatus status, Integer score, Instant requestedAt, Instant recordedAt) {
    }

    public record TicketPage(List<TicketView> items, int page, int size, long total) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Nlu(String intent, Double confidence, String sentiment, Double sentimentScore, String language,
                      String urgency, String maskedText, String route, String correctedIntent, String correctedBy,
                      List<NluResult.Entity> entities, Answer answer) {
    }

    /** The knowledge-base answer the NLU found for a message's intent. */
    public record Answer(String answerId, String text) {
    }

    /** @param action what a domain action did with a customer message ({@link ActionStep}'s fields), or absent */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TranscriptEntry(String messageId, String author, String kind, boolean internal, String agentId,
                                  String text, List<String> quickReplies, String inReplyTo, Instant occurredAt,
                                  String ticketId, Boolean erased, Nlu nlu, JsonNode action, String delivery) {

        /** @param delivery how the reply reaches the customer (a {@code DeliveryStatusEvent.Status}), or null */
        public static TranscriptEntry of(Message message, String delivery) {
            Nlu nlu = message.isClassified() || message.correctedIntent != null
                    ? new Nlu(message.intent, message.confidence, message.sentiment, message.sentimentScore,
                    message.language, message.urgency, message.maskedText, message.route, message.correctedIntent,
                    message.correctedBy, message.entities == null ? null : message.entityList(),
                    message.answerText == null ? null : new Answer(message.answerId, message.answerText))
                    : null;
            String author = message.internal ? "note" : message.author.wireName();
            return new TranscriptEntry(message.messageId, author, message.kind, message.internal, message.agentId,
                    message.text, message.quickReplyList().isEmpty() ? null : message.quickReplyList(),
                    message.inReplyTo, message.occurredAt, message.ticketId, message.erased ? Boolean.TRUE : null, nlu,
                    actionOf(message), delivery);
        }

        /** The customer message's {@link ActionStep} exactly as the event carries it (EventJson: no null fields). */
        private static JsonNode actionOf(Message message) {
            ActionStep step = message.internal ? null : message.actionStep();
            return step == null ? null : EventJson.mapper().valueToTree(step);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomerView(String id, String name, String locale, String tier, List<Identity> identities,
                               Instant erasedAt) {
    }

    public record Identity(String channelId, String channelType, Instant firstSeenAt, Instant lastSeenAt) {
    }

    public record EarlierTicket(String id, String conversationId, TicketStatus status, Priority priority,
                                HandoffReason handoffReason, String intent, Instant createdAt, Instant solvedAt,
                                Integer csatScore) {

        public static EarlierTicket of(Ticket ticket) {
            return new EarlierTicket(ticket.id, ticket.conversationId, ticket.status, ticket.priority,
                    ticket.handoffReason, ticket.intent, ticket.createdAt, ticket.solvedAt, ticket.csatScore);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditView(String actor, String action, String details, Instant at) {

        public static AuditView of(AuditEntry entry) {
            return new AuditView(entry.actor, entry.action, entry.details, entry.occurredAt);
        }
    }

    public record TicketDetail(TicketView ticket, HandoffReason handoffReason, CustomerView customer,
                               List<TranscriptEntry> transcript, List<EarlierTicket> earlierTickets,
                               List<AuditView> audit) {
    }

    public record ReplyView(String messageId, String ticketId, Instant sentAt, long version) {
    }

    public record NoteView(String messageId, String ticketId, Instant createdAt) {
    }
}
