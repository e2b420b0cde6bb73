package org.supportflow.gateway.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.InboundMessageEvent;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.gateway.channel.Channel;
import org.supportflow.gateway.channel.ChannelAuthenticator;
import org.supportflow.gateway.channel.ChannelRegistry;
import org.supportflow.web.ApiException;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.conversation.ConversationStore;
import org.supportflow.gateway.dedup.InboundLedger;
import org.supportflow.gateway.dedup.MessageKey;
import org.supportflow.gateway.outbox.InboundPublisher;
import org.supportflow.gateway.ratelimit.IngestRateLimiter;
import org.supportflow.gateway.replies.ReplyStore;
import org.supportflow.gateway.replies.StoredReply;
import org.supportflow.gateway.waiting.ReplyView;
import org.supportflow.gateway.waiting.ReplyWaiters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Channel ingestion (CONTRACT.md §1), in this order: known channel (404), body size (413), signature over
 * the raw bytes (401), {@code waitMs} (400), body (400), rate limits (429); then the message is recorded
 * exactly once per (channel, messageId) together with its conversation and pending event, published after
 * the commit, and optionally held until the bot's reply arrives.
 *
 * <p>Runs its blocking part (JDBC) on the caller's worker thread; the wait itself is a non-blocking {@link Uni}.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final ChannelRegistry channels;
    private final ChannelAuthenticator authenticator;
    private final IncomingMessageParser parser = new IncomingMessageParser();
    private final IngestRateLimiter rateLimiter;
    private final ConversationStore conversations;
    private final InboundLedger ledger;
    private final InboundPublisher publisher;
    private final ReplyWaiters waiters;
    private final ReplyStore replies;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final GatewayConfig.Ingest config;

    public IngestService(ChannelRegistry channels, IngestRateLimiter rateLimiter, ConversationStore conversations,
                         InboundLedger ledger, InboundPublisher publisher, ReplyWaiters waiters, ReplyStore replies,
                         IngestMetrics metrics, Clock clock, GatewayConfig config) {
        this.channels = channels;
        this.rateLimiter = rateLimiter;
        this.conversations = conversations;
        this.ledger = ledger;
        this.publisher = publisher;
        this.waiters = waiters;
        this.replies = replies;
        this.metrics = metrics;
        this.clock = clock;
        this.config = config.ingest();
        this.authenticator = new ChannelAuthenticator(clock, this.config.signatureTolerance());
    }

    /** A request as received: the body is the raw bytes that were signed. */
    public record IngestRequest(String channelId, String timestamp, String signature, String waitMs, byte[] body) {
    }

    public Uni<IngestOutcome> ingest(IngestRequest request) {
        Channel channel = null;
        try {
            channel = channels.find(request.channelId())
                    .orElseThrow(() -> ApiException.notFound("unknown_channel", "no channel with this id is configured"));
            byte[] body = request.body() == null ? new byte[0] : request.body();
            if (body.length > config.maxBodyBytes()) {
                throw ApiException.payloadTooLarge(config.maxBodyBytes());
            }
            authenticator.authenticate(channel, request.timestamp(), request.signature(), body);
            Optional<Duration> wait = parseWait(request.waitMs());
            IncomingMessage message = parser.parse(body);
            rateLimiter.check(channel, message.customer().id());
            return accept(channel, message, wait);
        } catch (ApiException e) {
            metrics.rejected(channel == null ? null : channel.id(), e.code());
            throw e;
        }
    }

    /**
     * The common path for channel-native adapters (KakaoTalk, the web widget...): the adapter has found the
     * channel, checked the provider's own authentication and translated the provider's payload; from here on
     * the message is treated exactly as one of §1: rate limits, de-duplication on (channel, messageId), the
     * conversation, the event, and optionally the wait for the bot's reply.
     */
    public Uni<IngestOutcome> acceptNative(Channel channel, IncomingMessage message, Optional<Duration> wait) {
        try {
            rateLimiter.check(channel, message.customer().id());
            return accept(channel, message, wait);
        } catch (ApiException e) {
            metrics.rejected(channel.id(), e.code());
            throw e;
        }
    }

    /** Counts a request an adapter refused before it could call {@link #acceptNative}. */
    public void rejected(String knownChannelIdOrNull, String reason) {
        metrics.rejected(knownChannelIdOrNull, reason);
    }

    Optional<Duration> parseWait(String waitMs) {
        if (waitMs == null || waitMs.isEmpty()) {
            return Optional.empty();
        }
        int millis;
        try {
            millis = Integer.parseInt(waitMs);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_wait", "waitMs must be an integer between 0 and " + config.maxWaitMs());
        }
        if (millis < 0 || millis > config.maxWaitMs()) {
            throw ApiException.badRequest("invalid_wait", "waitMs must be between 0 and " + config.maxWaitMs());
        }
        return millis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    private Uni<IngestOutcome> accept(Channel channel, IncomingMessage message, Optional<Duration> wait) {
        MessageKey key = new MessageKey(channel.id(), message.messageId());
        Recorded recorded = record(channel, key, message);
        if (recorded.event() == null) {
            metrics.duplicate(channel.id());
        } else {
            metrics.accepted(channel.id());
        }
        IngestOutcome.Accepted accepted =
                new IngestOutcome.Accepted(message.messageId(), recorded.conversationId(), recorded.event() == null);
        if (wait.isEmpty()) {
            publish(key, recorded);
            return Uni.createFrom().item(accepted);
        }
        // register before publishing, so that even an instant reply finds its waiter
        CompletableFuture<ReplyView> waiter = waiters.register(recorded.conversationId(), message.messageId());
        if (recorded.event() == null) {
            List<StoredReply> stored = replies.inReplyTo(recorded.conversationId(), message.messageId());
            if (!stored.isEmpty()) {
                waiters.cancel(recorded.conversationId(), message.messageId(), waiter);
                metrics.waited(channel.id(), true);
                return Uni.createFrom().item(new IngestOutcome.Replied(message.messageId(), recorded.conversationId(),
                        true, stored.stream().map(reply -> new ReplyView(reply.text(), reply.quickReplies())).toList()));
            }
        }
        publish(key, recorded);
        return Uni.createFrom().completionStage(waiter)
                .ifNoItem().after(wait.get()).recoverWithItem(() -> null)
                .onItemOrFailure().transform((reply, failure) -> {
                    waiters.cancel(recorded.conversationId(), message.messageId(), waiter);
                    metrics.waited(channel.id(), reply != null);
                    return reply == null ? accepted
                            : new IngestOutcome.Replied(message.messageId(), recorded.conversationId(),
                                    accepted.duplicate(), List.of(reply));
                });
    }

    private void publish(MessageKey key, Recorded recorded) {
        if (recorded.event() != null) {
            publisher.publish(key, recorded.event()).exceptionally(failure -> {
                LOG.warnf("inbound event %s not acknowledged yet (%s); the outbox sweeper will retry",
                        recorded.event().eventId(), failure.getClass().getSimpleName());
                return null;
            });
        }
    }

    /** Signals, by rolling back the transaction, that the message was recorded by a concurrent request. */
    private static final class AlreadyRecorded extends RuntimeException {
        AlreadyRecorded() {
            super(null, null, false, false);
        }
    }

    /** The conversation and, for a first delivery, the event to publish (null for a duplicate). */
    private record Recorded(String conversationId, InboundMessageEvent event) {
    }

    private Recorded record(Channel channel, MessageKey key, IncomingMessage message) {
        String fingerprint = message.fingerprint();
        Optional<InboundLedger.Accepted> known = ledger.find(key);
        if (known.isPresent()) {
            return duplicate(known.get(), fingerprint);
        }
        Instant now = clock.instant();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                String conversationId = conversations.conversationFor(channel.id(), message.customer().id(), now,
                        channel.conversationIdleTimeout());
                InboundMessageEvent event = InboundMessageEvent.of(conversationId, channel.id(), channel.type(),
                        message.messageId(), message.customer(), message.text(), message.sentAt(), message.metadata());
                if (!ledger.insertIfAbsent(key, fingerprint, conversationId, now, EventJson.toJson(event))) {
                    // a concurrent request (maybe on another replica) recorded it first: roll back our changes
                    throw new AlreadyRecorded();
                }
                return new Recorded(conversationId, event);
            });
        } catch (RuntimeException e) {
            if (!(e instanceof AlreadyRecorded) && !(e.getCause() instanceof AlreadyRecorded)) {
                throw e;
            }
        }
        InboundLedger.Accepted accepted = ledger.find(key)
                .orElseThrow(() -> new IllegalStateException("duplicate key without a committed row"));
        return duplicate(accepted, fingerprint);
    }

    /**
     * A retry of an accepted message is a duplicate; the same id with another customer or text is a reuse of
     * the idempotency key, refused without revealing anything of the message it first stood for.
     */
    private static Recorded duplicate(InboundLedger.Accepted accepted, String fingerprint) {
        if (!accepted.sameMessage(fingerprint)) {
            throw ApiException.conflict("message_id_reused",
                    "this messageId was already used for another message on this channel; use a new messageId");
        }
        return new Recorded(accepted.conversationId(), null);
    }
}
