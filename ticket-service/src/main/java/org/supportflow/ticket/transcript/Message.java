package org.supportflow.ticket.transcript;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.Author;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One transcript entry of a conversation, unique by (conversation id, message id): a customer message
 * (raw text from {@code conversation.inbound}, NLU annotations from {@code conversation.routed}, whichever
 * arrives first creates it), a bot/agent/system reply, or an agent's internal note.
 */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    /** Transcript entry kinds besides the outbound kinds of the contract. */
    public static final String KIND_CUSTOMER = "CUSTOMER_MESSAGE";
    public static final String KIND_NOTE = "NOTE";

    private static final Logger LOG = Logger.getLogger(Message.class);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public String conversationId;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "ticket_id")
    public String ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Author author;

    @Column(nullable = false)
    public String kind;

    /** Internal notes never leave ticket-service. */
    @Column(nullable = false)
    public boolean internal;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "in_reply_to")
    public String inReplyTo;

    /** Raw text; for customer messages null until the inbound event arrives, and after erasure masked. */
    public String text;

    /** Quick replies, one per line. */
    @Column(name = "quick_replies")
    public String quickReplies;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public boolean erased;

    @Column(name = "masked_text")
    public String maskedText;

    public String language;

    public String intent;

    public Double confidence;

    public String sentiment;

    @Column(name = "sentiment_score")
    public Double sentimentScore;

    public String urgency;

    @Column(name = "nlu_model")
    public String nluModel;

    public String route;

    @Column(name = "corrected_intent")
    public String correctedIntent;

    @Column(name = "corrected_by")
    public String correctedBy;

    @Column(name = "corrected_at")
    public Instant correctedAt;

    /** The knowledge-base answer for the message's intent, as the NLU found it: a suggestion for agents. */
    @Column(name = "answer_id")
    public String answerId;

    @Column(name = "answer_text")
    public String answerText;

    /** The NLU's entities as JSON ({@code [{"type", "value"}]}, personal values masked by the NLU). */
    public String entities;

    /** What a domain action did with the message: {@link ActionStep} as JSON (a jsonb column), or null. */
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String action;

    public static Optional<Message> of(String conversationId, String messageId) {
        return find("conversationId = ?1 and messageId = ?2", conversationId, messageId).firstResultOptional();
    }

    public static List<Message> transcriptOf(String conversationId) {
        return list("conversationId = ?1 order by occurredAt, id", conversationId);
    }

    public List<String> quickReplyList() {
        return quickReplies == null || quickReplies.isEmpty() ? List.of() : Arrays.asList(quickReplies.split("\n"));
    }

    public static String joinQuickReplies(List<String> quickReplies) {
        return quickReplies == null || quickReplies.isEmpty() ? null
                : String.join("\n", quickReplies.stream().map(reply -> reply.replace('\n', ' ')).toList());
    }

    public List<NluResult.Entity> entityList() {
        return entities == null ? List.of() : List.of(EventJson.fromJson(entities, NluResult.Entity[].class));
    }

    public static String entitiesJson(List<NluResult.Entity> entities) {
        return entities == null || entities.isEmpty() ? null : EventJson.toJson(entities);
    }

    /**
     * The stored action step, or null. One that no longer reads (written by a newer version, then rolled back)
     * is left out rather than failing the whole transcript: it is informational.
     */
    public ActionStep actionStep() {
        return actionStepOf(action);
    }

    public static ActionStep actionStepOf(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.fromJson(json, ActionStep.class);
        } catch (RuntimeException e) {
            LOG.warnf("an action step that does not read was left out: %s", e.getMessage());
            return null;
        }
    }

    public static String actionJson(ActionStep action) {
        return action == null ? null : EventJson.toJson(action);
    }

    public boolean isClassified() {
        return intent != null;
    }
}
