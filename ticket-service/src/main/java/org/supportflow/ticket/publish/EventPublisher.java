package org.supportflow.ticket.publish;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
import org.supportflow.contracts.events.Topics;
import org.supportflow.web.ApiException;
import org.supportflow.ticket.common.TicketConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything ticket-service publishes, keyed by {@link PlatformEvent#key()}.
 * <ul>
 *   <li>Ticket events and messages to customers (agents' replies, CSAT questions) are part of a change:
 *       recorded in the outbox with the change itself and published from there after the commit
 *       ({@link OutboxRelay}), so never for a rolled-back change (the customer never gets a reply the
 *       transcript lacks) and never lost to a crash right after the commit.</li>
 *   <li>Messages a request must deliver before it answers (feedback, presence, erasure) are sent before the
 *       request commits and awaited: if Kafka does not acknowledge, the request fails (503) and its database
 *       changes roll back.</li>
 * </ul>
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final Object WAKE_UP_REGISTERED = new Object();

    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final Emitter<Record<String, NluFeedbackEvent>> feedback;
    private final Emitter<Record<String, AgentPresenceEvent>> presence;
    private final Emitter<Record<String, CustomerErasureEvent>> erasure;
    private final TransactionSynchronizationRegistry transactions;
    private final Duration ackTimeout;

    public EventPublisher(EventOutbox outbox, OutboxRelay relay,
                          @Channel(Channels.NLU_FEEDBACK) Emitter<Record<String, NluFeedbackEvent>> feedback,
                          @Channel(Channels.PRESENCE) Emitter<Record<String, AgentPresenceEvent>> presence,
                          @Channel(Channels.ERASURE) Emitter<Record<String, CustomerErasureEvent>> erasure,
                          TransactionSynchronizationRegistry transactions,
                          TicketConfig config) {
        this.outbox = outbox;
        this.relay = relay;
        this.feedback = feedback;
        this.presence = presence;
        this.erasure = erasure;
        this.transactions = transactions;
        this.ackTimeout = config.publish().ackTimeout();
    }

    /**
     * Records the ticket event with the current transaction's changes; it is published once they commit.
     * The events of one ticket are published in the order they were recorded. Outside a transaction the
     * event is recorded in one of its own.
     */
    public void ticketEventAfterCommit(TicketEvent event) {
        afterCommit(Topics.TICKET_EVENTS, event);
    }

    /** Records a message to the customer with the current transaction's changes, published once they commit. */
    public void outboundAfterCommit(OutboundMessageEvent event) {
        afterCommit(Topics.CONVERSATION_OUTBOUND, event);
    }

    private void afterCommit(String topic, PlatformEvent event) {
        Instant now = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        if (transactions.getTransactionKey() == null) {
            QuarkusTransaction.requiringNew().run(() -> outbox.record(topic, event, now));
            relay.wakeUp();
            return;
        }
        outbox.record(topic, event, now);
        if (transactions.getResource(WAKE_UP_REGISTERED) == null) {
            transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wakeUp();
                    }
                }
            });
        }
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
