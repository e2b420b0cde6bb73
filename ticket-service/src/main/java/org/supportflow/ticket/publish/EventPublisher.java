package org.supportflow.ticket.publish;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.AgentPresenceEvent;
import org.supportflow.contracts.events.CustomerErasureEvent;
import org.supportflow.contracts.events.NluFeedbackEvent;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.events.PlatformEvent;
import org.supportflow.contracts.events.TicketEvent;
import org.supportflow.ticket.common.ApiException;
import org.supportflow.ticket.common.TicketConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything ticket-service publishes, keyed by {@link PlatformEvent#key()}.
 * <ul>
 *   <li>Ticket events are facts about committed state: sent after the surrounding transaction commits,
 *       never for a rolled-back change.</li>
 *   <li>Messages a request must deliver (replies, CSAT questions, feedback, presence, erasure) are sent
 *       before the request commits and awaited: if Kafka does not acknowledge, the request fails (503)
 *       and its database changes roll back.</li>
 * </ul>
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final Object PENDING_KEY = new Object();

    private final Emitter<Record<String, TicketEvent>> ticketEvents;
    private final Emitter<Record<String, OutboundMessageEvent>> outbound;
    private final Emitter<Record<String, NluFeedbackEvent>> feedback;
    private final Emitter<Record<String, AgentPresenceEvent>> presence;
    private final Emitter<Record<String, CustomerErasureEvent>> erasure;
    private final TransactionSynchronizationRegistry transactions;
    private final Duration ackTimeout;

    public EventPublisher(@Channel(Channels.TICKET_EVENTS) Emitter<Record<String, TicketEvent>> ticketEvents,
                          @Channel(Channels.OUTBOUND) Emitter<Record<String, OutboundMessageEvent>> outbound,
                          @Channel(Channels.NLU_FEEDBACK) Emitter<Record<String, NluFeedbackEvent>> feedback,
                          @Channel(Channels.PRESENCE) Emitter<Record<String, AgentPresenceEvent>> presence,
                          @Channel(Channels.ERASURE) Emitter<Record<String, CustomerErasureEvent>> erasure,
                          TransactionSynchronizationRegistry transactions,
                          TicketConfig config) {
        this.ticketEvents = ticketEvents;
        this.outbound = outbound;
        this.feedback = feedback;
        this.presence = presence;
        this.erasure = erasure;
        this.transactions = transactions;
        this.ackTimeout = config.publish().ackTimeout();
    }

    /**
     * Publishes the ticket event once the current transaction commits (at once outside a transaction). The
     * events of one transaction go out in the order they were raised.
     */
    public void ticketEventAfterCommit(TicketEvent event) {
        if (transactions.getTransactionKey() == null) {
            sendTicketEvent(event);
            return;
        }
        @SuppressWarnings("unchecked")
        List<TicketEvent> pending = (List<TicketEvent>) transactions.getResource(PENDING_KEY);
        if (pending == null) {
            List<TicketEvent> events = new ArrayList<>();
            transactions.putResource(PENDING_KEY, events);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        events.forEach(EventPublisher.this::sendTicketEvent);
                    }
                }
            });
            pending = events;
        }
        pending.add(event);
    }

    public void outboundAndAwait(OutboundMessageEvent event) {
        await(outbound.send(Record.of(event.key(), event)), "conversation.outbound");
    }

    public void feedbackAndAwait(NluFeedbackEvent event) {
        await(feedback.send(Record.of(event.key(), event)), "nlu.feedback");
    }

    public void presenceAndAwait(AgentPresenceEvent event) {
        await(presence.send(Record.of(event.key(), event)), "agent.presence");
    }

    public void erasureAndAwait(CustomerErasureEvent event) {
        await(erasure.send(Record.of(event.key(), event)), "customer.erasure");
    }

    private void sendTicketEvent(TicketEvent event) {
        try {
            ticketEvents.send(Record.of(event.key(), event)).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.errorf(failure, "ticket event %s %s of ticket %s was not published",
                            event.type(), event.eventId(), event.ticketId());
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "ticket event %s %s of ticket %s was not published",
                    event.type(), event.eventId(), event.ticketId());
        }
    }

    private void await(CompletionStage<Void> ack, String topic) {
        try {
            ack.toCompletableFuture().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(e, "publishing to %s failed", topic);
            throw ApiException.unavailable("the message could not be published; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while publishing");
        }
    }
}
