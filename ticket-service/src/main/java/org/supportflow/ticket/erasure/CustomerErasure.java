package org.supportflow.ticket.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.supportflow.contracts.privacy.Erased;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.Topics;
import org.supportflow.ticket.audit.AuditLog;
import org.supportflow.web.ApiException;
import org.supportflow.ticket.customers.CustomerProfile;
import org.supportflow.ticket.ingest.ProcessedEvents;
import org.supportflow.ticket.publish.EventPublisher;
import org.supportflow.ticket.tickets.Ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Erases a customer's personal data from ticket-service: the name and channel identities go; the words of
 * customer messages (raw and masked), agents' replies and notes are replaced by {@value #ERASED_TEXT}, in the
 * ticket transcripts and in the bot-only history alike.
 * Tickets, NLU annotations (intent, sentiment, language, route), action steps (names and outcomes, never a
 * value), CSAT scores and the audit trail stay, so the conversations remain countable. The erasure event tells
 * every other service which conversations to clean.
 */
@ApplicationScoped
public class CustomerErasure {

    private static final Logger LOG = Logger.getLogger(CustomerErasure.class);

    /** What an erased free-text entry shows in the transcript. */
    public static final String ERASED_TEXT = Erased.MARKER;

    private final EntityManager em;
    private final EventPublisher publisher;
    private final ProcessedEvents processed;
    private final AuditLog audit;
    private final Clock clock;

    public CustomerErasure(EntityManager em, EventPublisher publisher, ProcessedEvents processed, AuditLog audit,
                           Clock clock) {
        this.em = em;
        this.publisher = publisher;
        this.processed = processed;
        this.audit = audit;
        this.clock = clock;
    }

    /** An admin's request: erases here, then publishes the erasure (awaited; a failure rolls back). */
    @Transactional
    public CustomerErasureEvent eraseOnRequest(String customerId, String requestedBy) {
        CustomerProfile customer = CustomerProfile.findById(customerId);
        if (customer == null) {
            throw ApiException.notFound("not_found", "no such customer");
        }
        Instant now = clock.instant();
        List<String> conversationIds = erase(customerId, requestedBy, now);
        CustomerErasureEvent event = CustomerErasureEvent.of(customerId, conversationIds, requestedBy);
        processed.firstTime(event.eventId(), Topics.CUSTOMER_ERASURE, now);
        publisher.erasureAndAwait(event);
        return event;
    }

    /** An erasure requested elsewhere on the platform (or our own, redelivered). */
    @Transactional
    public void applyFromEvent(CustomerErasureEvent event) {
        Instant now = clock.instant();
        if (!processed.firstTime(event.eventId(), Topics.CUSTOMER_ERASURE, now)) {
            return;
        }
        erase(event.customerId(), event.requestedBy() == null ? AuditLog.SYSTEM : event.requestedBy(), now);
    }

    private List<String> erase(String customerId, String actor, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> conversationIds = em.createNativeQuery("""
                        select id from (
                            select id, created_at from conversation where customer_id = ?1
                            union
                            -- bot-only conversations have no conversation row, only history
                            select conversation_id, min(occurred_at) from conversation_history
                            where customer_id = ?1 and conversation_id not in (select id from conversation)
                            group by conversation_id) conversations
                        order by created_at, id""")
                .setParameter(1, customerId)
                .getResultList();
        em.createNativeQuery("""
                        update customer set name = null, erased_at = ?2, updated_at = ?2 where id = ?1""")
                .setParameter(1, customerId)
                .setParameter(2, now)
                .executeUpdate();
        em.createNativeQuery("delete from customer_identity where customer_id = ?1")
                .setParameter(1, customerId)
                .executeUpdate();
        if (!conversationIds.isEmpty()) {
            // Free text the customer or an agent wrote is personal data even where masking found nothing to mask
            // ("my daughter Jiwoo at Seoul Grammar School"): all of it goes, and the entities found in it (an
            // order number is the customer's too); the annotations stay.
            em.createNativeQuery("""
                            update message set text = ?2, masked_text = case when masked_text is null then null else ?2 end,
                                   entities = null, erased = true
                            where conversation_id in (?1) and (author in ('CUSTOMER', 'AGENT') or internal)""")
                    .setParameter(1, conversationIds)
                    .setParameter(2, ERASED_TEXT)
                    .executeUpdate();
            em.createNativeQuery("""
                            update conversation_history
                            set text = ?2, masked_text = case when masked_text is null then null else ?2 end,
                                entities = null, erased = true
                            where conversation_id in (?1) and author in ('CUSTOMER', 'AGENT')""")
                    .setParameter(1, conversationIds)
                    .setParameter(2, ERASED_TEXT)
                    .executeUpdate();
            List<Ticket> tickets = Ticket.list("conversationId in ?1", conversationIds);
            tickets.forEach(ticket -> audit.record(ticket.id, actor, "CUSTOMER_ERASED", Map.of()));
        }
        LOG.infof("customer data erased (%d conversations)", conversationIds.size());
        return conversationIds;
    }
}
