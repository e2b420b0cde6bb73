package org.supportflow.gateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.json.EventJson;
import org.supportflow.contracts.taxonomy.Author;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.gateway.channel.Channel;
import org.supportflow.gateway.channel.ChannelRegistry;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.kakao.KakaoDelivery;
import org.supportflow.gateway.replies.ReplyCursor;
import org.supportflow.gateway.replies.ReplyStore;
import org.supportflow.gateway.replies.StoredReply;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Delivers the replies of {@code conversation.outbound}: stores them for polling (idempotent; a poll's replies in
 * one transaction), then, if the channel has a callback URL, POSTs each there signed, with bounded exponential
 * backoff. A failure that remains is returned as a failed {@link Uni}: the listener sends that record to the
 * dead-letter topic {@code conversation.outbound.gateway-service.dlq}, so the partition moves on.
 *
 * <p>Once a callback accepted a reply that is recorded, so a reply Kafka delivers again is not POSTed again.
 * Only a crash between the callback's answer and that record can repeat a POST; the body carries the reply's
 * {@code messageId} for channels to recognise it.
 *
 * <p>KakaoTalk channels cannot take a pushed reply at any time; after storing, their replies go the ways
 * Kakao allows ({@link KakaoDelivery}) instead of a callback URL.
 */
@ApplicationScoped
public class ReplyDelivery {

    /** Histogram buckets of the reply latency: the alert's budget (2.5 s) and KakaoTalk's (3.5 s) among them. */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(50, 100, 250, 500, 1000, 2500, 3500, 5000, 10000, 30000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private static final Logger LOG = Logger.getLogger(ReplyDelivery.class);

    private final ChannelRegistry channels;
    private final ReplyStore replies;
    private final CallbackClient client;
    private final CallbackCircuit circuit;
    private final KakaoDelivery kakao;
    private final GatewayConfig.Delivery config;
    private final MeterRegistry metrics;
    private final Clock clock;

    public ReplyDelivery(ChannelRegistry channels, ReplyStore replies, GatewayConfig config, Clock clock,
                         MeterRegistry metrics, KakaoDelivery kakao) {
        this.channels = channels;
        this.kakao = kakao;
        this.replies = replies;
        this.config = config.delivery();
        this.metrics = metrics;
        this.clock = clock;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(this.config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.client = new CallbackClient(http, clock, this.config.requestTimeout());
        this.circuit = new CallbackCircuit(this.config.circuitThreshold(), this.config.circuitOpenFor(), clock);
    }

    /** The channel a reply is for, if it is configured on this gateway (a reply for another is dead-lettered). */
    public Optional<Channel> channelOf(OutboundMessageEvent event) {
        Optional<Channel> channel = channels.find(event.channelId());
        if (channel.isEmpty()) {
            count("unknown", "unknown_channel");
        }
        return channel;
    }

    /**
     * Stores a poll of replies for polling, in one transaction (all or nothing), and records the reply latency
     * of each; blocking. Every event must be for a known channel ({@link #channelOf}).
     */
    public List<ReplyStore.Stored> store(List<OutboundMessageEvent> events) {
        List<ReplyStore.Stored> stored = replies.storeAll(events);
        for (ReplyStore.Stored reply : stored) {
            channels.find(reply.reply().channelId()).ifPresent(channel -> recordLatency(channel, reply));
        }
        return stored;
    }

    /** Delivers a stored reply the channel's way: KakaoTalk's, its callback URL, or nothing more (polling). */
    public Uni<Void> deliverStored(Channel channel, ReplyStore.Stored stored) {
        if (channel.type() == ChannelType.KAKAO) {
            return kakao.deliver(channel, stored.reply());
        }
        if (channel.callbackUrl().isEmpty()) {
            return Uni.createFrom().voidItem().invoke(() -> count(channel.id(), "stored"));
        }
        if (stored.callbackDelivered()) {
            return Uni.createFrom().voidItem().invoke(() -> count(channel.id(), "already_delivered"));
        }
        return push(channel, channel.callbackUrl().get(), stored.reply());
    }

    private Uni<Void> push(Channel channel, URI callback, StoredReply reply) {
        if (circuit.isOpen(channel.id())) {
            count(channel.id(), "circuit_open");
            return Uni.createFrom().failure(new DeliveryFailure("callback circuit open", false, null));
        }
        byte[] body = EventJson.toBytes(callbackBody(reply));
        return client.post(channel, callback, body)
                .onFailure(failure -> failure instanceof DeliveryFailure d && d.retryable())
                .retry().withBackOff(config.initialBackoff(), config.maxBackoff()).atMost(config.maxAttempts() - 1L)
                .onItem().invoke(() -> {
                    circuit.succeeded(channel.id());
                    count(channel.id(), "delivered");
                })
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().invoke(() -> recordDelivered(reply))
                .onFailure().invoke(failure -> {
                    circuit.failed(channel.id());
                    count(channel.id(), "failed");
                    LOG.warnf("reply %s to channel %s not delivered: %s; sending it to the dead-letter topic",
                            reply.messageId(), channel.id(), failure.getMessage());
                });
    }

    private void recordDelivered(StoredReply reply) {
        try {
            replies.markCallbackDelivered(reply.messageId(), clock.instant());
        } catch (RuntimeException e) {
            // delivered all the same: only a redelivery of this reply would POST it again
            LOG.warnf("reply %s delivered but not recorded as delivered: %s", reply.messageId(), e.getMessage());
        }
    }

    /** The JSON POSTed to a callback: the reply as the polling API shows it, plus ids and the cursor. */
    static Map<String, Object> callbackBody(StoredReply reply) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", reply.conversationId());
        body.put("channelId", reply.channelId());
        body.put("messageId", reply.messageId());
        body.put("inReplyTo", reply.inReplyTo());
        body.put("from", reply.from());
        body.put("text", reply.text());
        body.put("quickReplies", reply.quickReplies());
        body.put("sentAt", reply.sentAt());
        body.put("cursor", ReplyCursor.format(reply.sequence()));
        return body;
    }

    /**
     * The bot's answer time as the customer sees it: from the gateway accepting the message to the reply being
     * here. Once per reply (a redelivery has no {@code askedAt}); agents' replies are the SLA's business.
     */
    private void recordLatency(Channel channel, ReplyStore.Stored stored) {
        if (stored.askedAt() == null || !Author.BOT.wireName().equals(stored.reply().from())) {
            return;
        }
        Timer.builder("supportflow.reply.latency")
                .description("From a customer's message accepted by the gateway to the bot's reply arriving there")
                .tag("channel", channel.id())
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(metrics)
                .record(Duration.between(stored.askedAt(), clock.instant()));
    }

    private void count(String channelId, String outcome) {
        metrics.counter("gateway.deliveries", "channel", channelId, "outcome", outcome).increment();
    }
}
