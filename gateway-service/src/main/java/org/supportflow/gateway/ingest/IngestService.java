package org.supportflow.gateway.ingest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.gateway.channel.Channel;
import org.supportflow.gateway.channel.ChannelAuthenticator;
import org.supportflow.gateway.channel.ChannelRegistry;
import org.supportflow.web.ApiException;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.dedup.MessageKey;
import org.supportflow.gateway.ratelimit.IngestRateLimiter;
import org.supportflow.gateway.replies.ReplyStore;
import org.supportflow.gateway.replies.StoredReply;
import org.supportflow.gateway.waiting.ReplyView;
import org.supportflow.gateway.waiting.ReplyWaiters;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Channel ingestion (CONTRACT.md §1), in this order: known channel (404), body size (413), signature over
 * the raw bytes (401), {@code waitMs} (400), body (400), rate limits (429); then the message is recorded
 * exactly once per (channel, messageId) together with its conversation and pending event, published after
 * the commit ({@link IngestRecorder}: one transaction for the requests arriving together), and optionally held
 * until the bot's reply arrives.
 *
 * <p>Blocks the caller's worker thread until the commit; the wait for the reply is a non-blocking {@link Uni}.
 */
@ApplicationScoped
public class IngestService {

    private final ChannelRegistry channels;
    private final ChannelAuthenticator authenticator;
    private final IncomingMessageParser parser = new IncomingMessageParser();
    private final IngestRateLimiter rateLimiter;
    private final IngestRecorder recorder;
    private final ReplyWaiters waiters;
    private final ReplyStore replies;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final GatewayConfig.Ingest config;

    public IngestService(ChannelRegistry channels, IngestRateLimiter rateLimiter, IngestRecorder recorder,
                         ReplyWaiters waiters, ReplyStore replies, IngestMetrics metrics, Clock clock,
                         GatewayConfig config) {
        this.channels = channels;
        this.rateLimiter = rateLimiter;
        this.recorder = recorder;
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
        // register before the event is published (right after the commit), so that even an instant reply finds it
        AtomicReference<CompletableFuture<ReplyView>> registered = new AtomicReference<>();
        IngestRecorder.Recorded recorded = recorder.record(new IngestRecorder.Recording(channel, key, message,
                clock.instant(), wait.isEmpty() ? null
                        : first -> registered.set(waiters.register(first.conversationId(), message.messageId()))));
        if (recorded.duplicate()) {
            metrics.duplicate(channel.id());
        } else {
            metrics.accepted(channel.id());
        }
        IngestOutcome.Accepted accepted =
                new IngestOutcome.Accepted(message.messageId(), recorded.conversationId(), recorded.duplicate());
        if (wait.isEmpty()) {
            return Uni.createFrom().item(accepted);
        }
        CompletableFuture<ReplyView> waiter = registered.get();
        if (waiter == null) {
            // a duplicate (nothing published): its reply may be stored already
            waiter = waiters.register(recorded.conversationId(), message.messageId());
            List<StoredReply> stored = replies.inReplyTo(recorded.conversationId(), message.messageId());
            if (!stored.isEmpty()) {
                waiters.cancel(recorded.conversationId(), message.messageId(), waiter);
                metrics.waited(channel.id(), true);
                return Uni.createFrom().item(new IngestOutcome.Replied(message.messageId(), recorded.conversationId(),
                        true, stored.stream().map(reply -> new ReplyView(reply.text(), reply.quickReplies())).toList()));
            }
        }
        CompletableFuture<ReplyView> replyWaiter = waiter;
        return Uni.createFrom().completionStage(replyWaiter)
                .ifNoItem().after(wait.get()).recoverWithItem(() -> null)
                .onItemOrFailure().transform((reply, failure) -> {
                    waiters.cancel(recorded.conversationId(), message.messageId(), replyWaiter);
                    metrics.waited(channel.id(), reply != null);
                    return reply == null ? accepted
                            : new IngestOutcome.Replied(message.messageId(), recorded.conversationId(),
                                    accepted.duplicate(), List.of(reply));
                });
    }
}
