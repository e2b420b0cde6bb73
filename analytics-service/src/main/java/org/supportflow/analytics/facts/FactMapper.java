package org.supportflow.analytics.facts;

import org.supportflow.analytics.common.InvalidEventException;
import org.supportflow.analytics.privacy.CustomerKeys;
import org.supportflow.analytics.privacy.PiiGuard;
import org.supportflow.contracts.events.ActionStep;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.events.RoutedMessageEvent;
import org.supportflow.contracts.events.TicketEvent;

import java.time.Instant;
import java.util.Locale;

/**
 * Turns events into facts: validates what analytics relies on, keeps the masked text only (re-masked
 * by {@link PiiGuard}) and replaces the customer id by its pseudonymous key.
 */
public final class FactMapper {

    /** The {@code sla} attribute of an {@code SLA_BREACHED} ticket event. */
    static final String SLA_ATTRIBUTE = "sla";

    private final CustomerKeys customerKeys;

    public FactMapper(CustomerKeys customerKeys) {
        this.customerKeys = customerKeys;
    }

    /** A message fact and whether its text had to be re-masked. */
    public record MappedMessage(MessageFact fact, boolean remasked) {
    }

    public MappedMessage toFact(RoutedMessageEvent event) {
        requireText(event.eventId(), "eventId");
        checkSchema(event.schemaVersion(), RoutedMessageEvent.SCHEMA_VERSION, "RoutedMessageEvent");
        checkLength(event.conversationId(), 256, "conversationId");
        checkLength(event.messageId(), 256, "messageId");
        checkLength(event.channelId(), 128, "channelId");
        if (event.nlu() != null) {
            checkLength(event.nlu().intent(), 64, "intent");
            checkLength(event.nlu().language(), 16, "language");
        }
        if (event.decision().route() == null) {
            throw new InvalidEventException("routed event without a route");
        }
        Instant receivedAt = event.receivedAt() != null ? event.receivedAt() : event.occurredAt();
        if (receivedAt == null) {
            throw new InvalidEventException("routed event without receivedAt and occurredAt");
        }
        Instant routedAt = event.occurredAt() != null ? event.occurredAt() : receivedAt;
        ActionFact action = actionOf(event.action());
        NluResult nlu = event.nlu();
        PiiGuard.Result text = PiiGuard.sanitize(nlu == null ? null : nlu.maskedText());
        var decision = event.decision();
        MessageFact fact = new MessageFact(
                event.eventId(),
                event.conversationId(),
                event.messageId(),
                event.channelId(),
                event.channelType() == null ? null : event.channelType().wireName(),
                customerKeys.keyOf(event.customer() == null ? null : event.customer().id()),
                receivedAt,
                routedAt,
                nlu == null ? null : nlu.language(),
                nlu == null ? null : nlu.intent(),
                nlu == null ? null : nlu.confidence(),
                nlu == null || nlu.sentiment() == null ? null : nlu.sentiment().name().toLowerCase(Locale.ROOT),
                decision.route().name(),
                decision.handoffReason() == null ? null : decision.handoffReason().wireName(),
                decision.priority() == null ? null : decision.priority().name(),
                decision.afterHours(),
                text.text(),
                action);
        return new MappedMessage(fact, text.remasked());
    }

    /**
     * The action's columns: the attempt only for a question, the form flag and the call only for a call (the fields
     * the contract defines for that step), no HTTP status without a response.
     */
    static ActionFact actionOf(ActionStep action) {
        if (action == null) {
            return null;
        }
        if (action.action().isBlank()) {
            throw new InvalidEventException("action step without an action name");
        }
        checkLength(action.action(), 64, "action");
        boolean asked = action.step() == ActionStep.Step.ASKED;
        if (asked && action.attempt() < 0) {
            throw new InvalidEventException("action step with a negative attempt");
        }
        if (action.step() != ActionStep.Step.CALLED) {
            return new ActionFact(action.action(), action.step().name(), asked ? action.attempt() : null,
                    null, null, null, null, null);
        }
        ActionStep.Call call = action.call();
        checkLength(call.outcome(), 32, "action call outcome");
        if (call.outcome().isBlank() || call.millis() < 0 || call.httpStatus() < 0) {
            throw new InvalidEventException("action call without an outcome, or with a negative status or time");
        }
        return new ActionFact(action.action(), action.step().name(), null, action.completesForm(), call.outcome(),
                call.failed(), call.httpStatus() == 0 ? null : call.httpStatus(), call.millis());
    }

    public TicketFact toFact(TicketEvent event) {
        requireText(event.eventId(), "eventId");
        checkSchema(event.schemaVersion(), TicketEvent.SCHEMA_VERSION, "TicketEvent");
        checkLength(event.ticketId(), 256, "ticketId");
        checkLength(event.conversationId(), 256, "conversationId");
        checkLength(event.channelId(), 128, "channelId");
        checkLength(event.intent(), 64, "intent");
        checkLength(event.attributes().get(SLA_ATTRIBUTE), 32, "sla");
        if (event.occurredAt() == null) {
            throw new InvalidEventException("ticket event without occurredAt");
        }
        Integer score = event.csatScore();
        if (event.type() == TicketEvent.Type.CSAT_RECORDED && (score == null || score < 1 || score > 5)) {
            throw new InvalidEventException("CSAT_RECORDED without a score from 1 to 5");
        }
        return new TicketFact(
                event.eventId(),
                event.ticketId(),
                event.conversationId(),
                event.channelId(),
                event.type().name(),
                event.status() == null ? null : event.status().name(),
                event.priority() == null ? null : event.priority().name(),
                event.handoffReason() == null ? null : event.handoffReason().wireName(),
                event.intent(),
                event.type() == TicketEvent.Type.CSAT_RECORDED ? score : null,
                event.type() == TicketEvent.Type.SLA_BREACHED ? event.attributes().get(SLA_ATTRIBUTE) : null,
                event.occurredAt());
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("event without " + field);
        }
        if (value.length() > 128) {
            throw new InvalidEventException(field + " longer than 128 characters");
        }
    }

    private static void checkLength(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new InvalidEventException(field + " longer than " + max + " characters");
        }
    }

    private static void checkSchema(int version, int supported, String type) {
        if (version < 1 || version > supported) {
            throw new InvalidEventException(type + " schema version " + version + " is not supported (max "
                    + supported + ")");
        }
    }
}
