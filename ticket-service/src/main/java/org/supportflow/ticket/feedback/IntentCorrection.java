package org.supportflow.ticket.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.supportflow.contracts.domain.ActiveIntents;
import org.supportflow.contracts.events.NluFeedbackEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.Intent;
import org.supportflow.ticket.audit.AuditLog;
import org.supportflow.web.ApiException;
import org.supportflow.ticket.common.CurrentUser;
import org.supportflow.ticket.history.Transcripts;
import org.supportflow.ticket.publish.EventPublisher;
import org.supportflow.ticket.tickets.Ticket;
import org.supportflow.ticket.tickets.TicketAccess;
import org.supportflow.ticket.transcript.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * An agent's correction of the intent the NLU gave a customer message: stored on the message and published
 * on {@code nlu.feedback} with the masked text only (never the raw text) for the NLU's learning loop.
 */
@ApplicationScoped
public class IntentCorrection {

    private final TicketAccess access;
    private final EventPublisher publisher;
    private final AuditLog audit;
    private final Clock clock;
    private final ActiveIntents activeIntents;
    private final Transcripts transcripts;

    public IntentCorrection(TicketAccess access, EventPublisher publisher, AuditLog audit, Clock clock,
                            ActiveIntents activeIntents, Transcripts transcripts) {
        this.activeIntents = activeIntents;
        this.transcripts = transcripts;
        this.access = access;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    public record Correction(String messageId, String predictedIntent, String correctedIntent, String correctedBy,
                             Instant correctedAt) {
    }

    @Transactional
    public Correction correct(String ticketId, String messageId, String intent, CurrentUser user) {
        if (intent == null || intent.isBlank()) {
            throw ApiException.badRequest("invalid_request", "intent is required");
        }
        String corrected = intent.strip();
        // the intents are the active domain bundle's, learnt from nlu.domain
        if (!activeIntents.accepts(corrected)) {
            throw ApiException.badRequest("unknown_intent", "intent must be one of the active domain's intents "
                    + "(GET /api/v1/intents), e.g. " + Intent.HUMAN_AGENT.wireName());
        }
        Ticket ticket = access.visible(ticketId, user);
        Message message = transcripts.persisted(ticket.conversationId, messageId)
                .filter(candidate -> !candidate.internal)
                .orElseThrow(() -> ApiException.notFound("not_found", "no such message in this ticket"));
        if (message.author != Author.CUSTOMER) {
            throw ApiException.conflict("not_a_customer_message", "only customer messages have an intent");
        }
        if (message.erased) {
            // its words are gone: nothing left to teach the NLU, and the erased marker must not become training data
            throw ApiException.conflict("erased", "the customer's data was erased; this message cannot be corrected");
        }
        if (message.maskedText == null || message.intent == null) {
            throw ApiException.conflict("not_classified", "the NLU has not classified this message yet");
        }
        Instant now = clock.instant();
        String previous = message.correctedIntent != null ? message.correctedIntent : message.intent;
        message.correctedIntent = corrected;
        message.correctedBy = user.id();
        message.correctedAt = now;
        audit.record(ticket.id, user.id(), "INTENT_CORRECTED",
                Map.of("messageId", messageId, "from", previous, "to", corrected));
        publisher.feedbackAndAwait(new NluFeedbackEvent(PlatformEvent.newEventId(), NluFeedbackEvent.SCHEMA_VERSION,
                now, ticket.conversationId, ticket.channelId, messageId, ticket.id, message.language,
                message.maskedText, message.intent, corrected, user.id()));
        return new Correction(messageId, message.intent, corrected, user.id(), now);
    }
}
