package org.supportflow.gateway.kakao;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.gateway.channel.Channel;
import org.supportflow.contracts.events.DeliveryStatusEvent.Status;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.delivery.DeliveryStatusPublisher;
import org.supportflow.gateway.kakao.KakaoStore.ClaimedCallback;
import org.supportflow.gateway.kakao.KakaoStore.Via;
import org.supportflow.gateway.kakao.client.EventApiRequests;
import org.supportflow.gateway.kakao.client.KakaoHttp;
import org.supportflow.gateway.kakao.response.SkillReply;
import org.supportflow.gateway.kakao.response.SkillResponseComposer;
import org.supportflow.gateway.kakao.response.SkillResponseComposer.Composition;
import org.supportflow.gateway.kakao.response.SkillResponses;
import org.supportflow.gateway.replies.StoredReply;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How replies reach a KakaoTalk user. Kakao only lets a bot speak in answer to an utterance: in the skill's
 * response, once through that utterance's callbackUrl within a minute, or (paid, optional) through the Event
 * API. So a reply goes, in this order of preference: in the response of the request that waits for it; through
 * an unused, unexpired callback of its conversation; through the Event API where configured; else it is held
 * and shown before the answer to the user's next utterance.
 *
 * <p>Every reply that goes out is claimed first in {@code kakao_delivered} (one row per reply), so it goes out
 * once across replicas and Kafka redeliveries; a send that fails gives its claims back, so the replies are held
 * again instead of lost. A crash between the claim and the send loses that send (never repeats it): Kakao shows
 * a callback's answer once at most anyway.
 */
@ApplicationScoped
public class KakaoDelivery {

    private static final Logger LOG = Logger.getLogger(KakaoDelivery.class);

    private final KakaoStore store;
    private final KakaoMetrics metrics;
    private final GatewayConfig config;
    private final Clock clock;
    private final KakaoHttp http;
    private final DeliveryStatusPublisher statuses;
    private final SkillResponseComposer composer = new SkillResponseComposer();

    public KakaoDelivery(KakaoStore store, KakaoMetrics metrics, GatewayConfig config, Clock clock,
                         DeliveryStatusPublisher statuses) {
        this.store = store;
        this.statuses = statuses;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.http = new KakaoHttp(config.delivery().requestTimeout());
    }

    /**
     * {@code ReplyDelivery}'s step for kakao channels, after the reply was stored. Kakao refusing or not
     * answering does not fail the returned {@link Uni}: the reply is then held (and counted), not dead-lettered.
     */
    public Uni<Void> deliver(Channel channel, StoredReply reply) {
        return Uni.createFrom().deferred(() -> {
            if (store.delivered(reply.messageId())) {
                metrics.reply(channel.id(), "already_delivered", 1);
                return Uni.createFrom().voidItem();
            }
            if (reply.inReplyTo() != null && store.requestState(channel.id(), reply.inReplyTo())
                    .filter(state -> state == KakaoStore.RequestState.WAITING).isPresent()) {
                // The skill request still waits for this reply: it answers with it, or hands it to its callback.
                metrics.reply(channel.id(), "left_to_request", 1);
                return Uni.createFrom().voidItem();
            }
            Optional<ClaimedCallback> callback = store.claimCallback(reply.conversationId(), reply.inReplyTo(), clock.instant());
            if (callback.isPresent()) {
                return sendThroughCallback(channel, reply.conversationId(), callback.get());
            }
            Optional<KakaoChannelConfig.EventApi> eventApi = kakaoConfig(channel).eventApi();
            if (eventApi.isPresent()) {
                return sendThroughEventApi(channel, eventApi.get(), reply);
            }
            metrics.reply(channel.id(), "held", 1);
            statuses.publish(reply.conversationId(), channel.id(), List.of(reply.messageId()), Status.HELD_UNTIL_NEXT_MESSAGE);
            LOG.infof("reply %s of conversation %s held until the user's next utterance (no open callback, no Event API)",
                    reply.messageId(), reply.conversationId());
            return Uni.createFrom().voidItem();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * After a request answered {@code useCallback}: a reply that reached the gateway while the request was
     * still waiting was left to it (see {@link #deliver}) and is sent through the callback now.
     */
    public Uni<Void> afterCallbackOpened(Channel channel, String requestMessageId, String conversationId) {
        return Uni.createFrom().deferred(() -> {
            if (!store.hasUndeliveredReplyTo(conversationId, requestMessageId)) {
                return Uni.createFrom().voidItem();
            }
            return store.claimCallback(conversationId, requestMessageId, clock.instant())
                    .map(callback -> sendThroughCallback(channel, conversationId, callback))
                    .orElseGet(() -> Uni.createFrom().voidItem());
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The SkillResponse of a request: the held replies of the conversation, then {@code last} (the answer or the
     * gateway's notice). Held replies that are shown are claimed; {@code last} too when it is a reply
     * ({@code claimLast}), whose claim may already exist when the request is a retry.
     */
    public Map<String, Object> respondNow(Channel channel, String conversationId, SkillReply last, boolean claimLast) {
        List<SkillReply> held = new ArrayList<>(held(channel, conversationId));
        held.removeIf(reply -> reply.messageId().equals(last.messageId()));
        Composition composition = composeAndClaim(conversationId, held, last, Via.SKILL_RESPONSE);
        if (claimLast) {
            store.claim(last.messageId(), conversationId, Via.SKILL_RESPONSE, clock.instant());
        }
        List<String> shown = composition.included().stream()
                .filter(reply -> claimLast || reply != last).map(SkillReply::messageId).toList();
        metrics.reply(channel.id(), "skill_response", shown.size());
        statuses.publish(conversationId, channel.id(), shown, Status.DELIVERED);
        return SkillResponses.template(composition);
    }

    private Uni<Void> sendThroughCallback(Channel channel, String conversationId, ClaimedCallback callback) {
        List<SkillReply> held = held(channel, conversationId);
        if (held.isEmpty()) {
            // claimed elsewhere in the meantime: this callback is not needed for now
            store.reopenCallback(channel.id(), callback.requestMessageId());
            return Uni.createFrom().voidItem();
        }
        Composition composition = composeAndClaim(conversationId, held.subList(0, held.size() - 1), held.getLast(),
                Via.CALLBACK);
        if (composition.included().isEmpty()) {
            store.reopenCallback(channel.id(), callback.requestMessageId());
            return Uni.createFrom().voidItem();
        }
        List<String> claimed = composition.included().stream().map(SkillReply::messageId).toList();
        return http.postJson(callback.url(), Map.of(), SkillResponses.template(composition))
                .onItem().invoke(() -> {
                    metrics.callback(channel.id(), "delivered");
                    metrics.reply(channel.id(), "callback", claimed.size());
                    statuses.publish(conversationId, channel.id(), claimed, Status.CALLBACK);
                })
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithUni(failure -> {
                    store.release(claimed);
                    metrics.callback(channel.id(), "failed");
                    metrics.reply(channel.id(), "held", claimed.size());
                    statuses.publish(conversationId, channel.id(), claimed, Status.HELD_UNTIL_NEXT_MESSAGE);
                    LOG.warnf("callback of request %s (conversation %s) failed: %s; its %d replies are held for the user's next utterance",
                            callback.requestMessageId(), conversationId, failure.getMessage(), claimed.size());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> sendThroughEventApi(Channel channel, KakaoChannelConfig.EventApi eventApi, StoredReply reply) {
        Optional<String> botUserKey = store.botUserKey(reply.conversationId());
        if (botUserKey.isEmpty()) {
            metrics.reply(channel.id(), "held", 1);
            statuses.publish(reply.conversationId(), channel.id(), List.of(reply.messageId()), Status.HELD_UNTIL_NEXT_MESSAGE);
            LOG.warnf("reply %s held: conversation %s has no addressable user for the Event API",
                    reply.messageId(), reply.conversationId());
            return Uni.createFrom().voidItem();
        }
        if (!store.claim(reply.messageId(), reply.conversationId(), Via.EVENT_API, clock.instant())) {
            metrics.reply(channel.id(), "already_delivered", 1);
            return Uni.createFrom().voidItem();
        }
        return http.postJson(EventApiRequests.talkUri(eventApi), EventApiRequests.headers(eventApi),
                        EventApiRequests.body(eventApi, botUserKey.get(), reply.text()))
                .onItem().invoke(() -> {
                    metrics.reply(channel.id(), "event_api", 1);
                    statuses.publish(reply.conversationId(), channel.id(), List.of(reply.messageId()), Status.EVENT_API);
                })
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithUni(failure -> {
                    store.release(List.of(reply.messageId()));
                    metrics.reply(channel.id(), "event_api_failed", 1);
                    statuses.publish(reply.conversationId(), channel.id(), List.of(reply.messageId()),
                            Status.HELD_UNTIL_NEXT_MESSAGE);
                    LOG.warnf("Event API refused reply %s of conversation %s: %s; held for the user's next utterance",
                            reply.messageId(), reply.conversationId(), failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Composes, then claims the replies shown ({@code last} only when it is pinned to a callback, see
     * {@link #respondNow} for the response's own answer). A reply claimed elsewhere meanwhile is left out: this
     * round's claims are given back and the rest is composed again.
     */
    private Composition composeAndClaim(String conversationId, List<SkillReply> held, SkillReply last, Via via) {
        List<SkillReply> candidates = new ArrayList<>(held);
        SkillReply pinned = last;
        while (pinned != null) {
            Composition composition = composer.compose(candidates, pinned);
            List<String> claimed = new ArrayList<>();
            List<SkillReply> lost = new ArrayList<>();
            for (SkillReply reply : composition.included()) {
                if (via == Via.SKILL_RESPONSE && reply == pinned) {
                    continue;
                }
                if (store.claim(reply.messageId(), conversationId, via, clock.instant())) {
                    claimed.add(reply.messageId());
                } else {
                    lost.add(reply);
                }
            }
            if (lost.isEmpty()) {
                if (composition.truncated()) {
                    LOG.warnf("a reply of conversation %s was longer than a whole SkillResponse and was shortened",
                            conversationId);
                }
                return composition;
            }
            store.release(claimed);
            candidates.removeAll(lost);
            if (lost.contains(pinned)) {
                pinned = candidates.isEmpty() ? null : candidates.removeLast();
            }
        }
        return new Composition(List.of(), List.of(), List.of(), false);
    }

    /**
     * Replies not yet shown to the user. Only those younger than the channel's conversation idle timeout: an
     * older one belongs to a conversation that is over (and to replies stored before this channel was a
     * KakaoTalk skill), which the user's next utterance would not make sense of.
     */
    private List<SkillReply> held(Channel channel, String conversationId) {
        return store.undelivered(conversationId, clock.instant().minus(channel.conversationIdleTimeout()));
    }

    KakaoChannelConfig kakaoConfig(Channel channel) {
        return config.channels().get(channel.id()).kakao();
    }
}
