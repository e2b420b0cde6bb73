package org.supportflow.gateway.kakao;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.events.OutboundMessageEvent;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.gateway.channel.Channel;
import org.supportflow.gateway.channel.ChannelRegistry;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.ingest.IncomingMessage;
import org.supportflow.gateway.ingest.IngestOutcome;
import org.supportflow.gateway.ingest.IngestService;
import org.supportflow.gateway.kakao.KakaoStore.RequestState;
import org.supportflow.gateway.kakao.payload.SkillPayloadParser;
import org.supportflow.gateway.kakao.payload.SkillRequest;
import org.supportflow.gateway.kakao.response.HoldingTexts;
import org.supportflow.gateway.kakao.response.SkillReply;
import org.supportflow.gateway.kakao.response.SkillResponses;
import org.supportflow.gateway.waiting.ReplyView;
import org.supportflow.web.ApiException;
import org.supportflow.web.ErrorCodes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KakaoTalk skill (CONTRACT.md §1b): checks in the order of §1 (channel 404, size 413, key 401, payload
 * 400), feeds the utterance into {@link IngestService#acceptNative}, waits at most the channel's reply budget
 * and answers Open Builder with a SkillResponse: the bot's answer, or {@code useCallback} (the answer follows
 * through the callbackUrl), or, without a callbackUrl, a notice that the answer follows. Replies held for the
 * user come first in whatever the response shows.
 */
@ApplicationScoped
public class KakaoSkillService {

    public static final String SKILL_KEY_HEADER = "X-Skill-Key";
    /** Stands for the gateway's own notice in a composition; never claimed. */
    private static final String NOTICE_ID = "gateway-notice";
    private static final Logger LOG = Logger.getLogger(KakaoSkillService.class);

    private final ChannelRegistry channels;
    private final IngestService ingest;
    private final KakaoStore store;
    private final KakaoDelivery delivery;
    private final KakaoMetrics metrics;
    private final GatewayConfig config;
    private final Clock clock;
    private final SkillPayloadParser parser = new SkillPayloadParser();

    public KakaoSkillService(ChannelRegistry channels, IngestService ingest, KakaoStore store, KakaoDelivery delivery,
                             KakaoMetrics metrics, GatewayConfig config, Clock clock) {
        this.channels = channels;
        this.ingest = ingest;
        this.store = store;
        this.delivery = delivery;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** Runs its blocking part on the caller's worker thread; the answer is composed on a worker thread too. */
    public Uni<Map<String, Object>> answer(String channelId, String skillKey, byte[] rawBody) {
        Channel channel = null;
        SkillRequest request;
        try {
            channel = channels.find(channelId).filter(found -> found.type() == ChannelType.KAKAO)
                    .orElseThrow(() -> ApiException.notFound("unknown_channel", "no kakao channel with this id is configured"));
            byte[] body = rawBody == null ? new byte[0] : rawBody;
            if (body.length > config.ingest().maxBodyBytes()) {
                throw ApiException.payloadTooLarge(config.ingest().maxBodyBytes());
            }
            authenticate(channel, skillKey);
            request = parser.parse(body);
        } catch (ApiException e) {
            ingest.rejected(channel == null ? null : channel.id(), e.code());
            throw e;
        }
        Channel kakaoChannel = channel;
        KakaoChannelConfig settings = delivery.kakaoConfig(channel);
        Optional<URI> callbackUrl = request.callbackUrl().filter(url -> usableCallback(kakaoChannel, settings, url));
        String messageId = KakaoMessageIds.forRequest(callbackUrl);
        Instant now = clock.instant();
        store.startRequest(channel.id(), messageId, callbackUrl.orElse(null),
                callbackUrl.isPresent() ? now.plus(settings.callbackLife()) : null, now);
        IncomingMessage message = new IncomingMessage(messageId,
                // KakaoTalk's own user key, in a request authenticated by the channel's skill key: verified.
                new Customer(request.botUserKey(), null, request.locale().orElse(null), null, true),
                request.utterance(), null, metadata(request));
        return ingest.acceptNative(channel, message, Optional.of(settings.replyBudget()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(outcome -> respond(kakaoChannel, request, callbackUrl, outcome));
    }

    private Map<String, Object> respond(Channel channel, SkillRequest request, Optional<URI> callbackUrl,
                                        IngestOutcome outcome) {
        String conversationId = outcome.conversationId();
        String messageId = outcome.messageId();
        if (outcome instanceof IngestOutcome.Replied replied && !replied.replies().isEmpty()) {
            store.finishWaiting(channel.id(), messageId, conversationId, RequestState.ANSWERED);
            ReplyView answer = replied.replies().getFirst();
            // the waiter wakes on the automatic reply to this message (the bot's answer, a handoff notice)
            SkillReply reply = new SkillReply(OutboundMessageEvent.automaticReplyId(conversationId, messageId),
                    answer.text(), answer.quickReplies());
            return delivery.respondNow(channel, conversationId, reply, true);
        }
        if (callbackUrl.isPresent()) {
            if (store.finishWaiting(channel.id(), messageId, conversationId, RequestState.CALLBACK_OPEN)) {
                delivery.afterCallbackOpened(channel, messageId, conversationId).subscribe().with(
                        done -> { },
                        failure -> LOG.warnf("sending the early reply of request %s through its callback failed: %s",
                                messageId, failure.getClass().getSimpleName()));
            }
            return SkillResponses.useCallback(HoldingTexts.preparing(request.language()));
        }
        store.finishWaiting(channel.id(), messageId, conversationId, RequestState.CLOSED);
        return delivery.respondNow(channel, conversationId,
                new SkillReply(NOTICE_ID, HoldingTexts.received(request.language()), List.of()), false);
    }

    /** The skill key compared in constant time with the channel's secret; a missing key is a 401 of its own. */
    private static void authenticate(Channel channel, String skillKey) {
        if (skillKey == null || skillKey.isEmpty()) {
            throw ApiException.unauthorized(ErrorCodes.UNAUTHORIZED, SKILL_KEY_HEADER + " is required");
        }
        boolean valid = MessageDigest.isEqual(skillKey.getBytes(StandardCharsets.UTF_8),
                channel.secret().getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            throw ApiException.unauthorized("invalid_skill_key", SKILL_KEY_HEADER + " does not match the channel's key");
        }
    }

    private boolean usableCallback(Channel channel, KakaoChannelConfig settings, URI url) {
        if (settings.callbackAllowed(url)) {
            return true;
        }
        metrics.callback(channel.id(), "refused_url");
        LOG.warnf("channel %s: a callbackUrl outside gateway.channels.%s.kakao.callback-url-prefixes was ignored",
                channel.id(), channel.id());
        return false;
    }

    private static Map<String, String> metadata(SkillRequest request) {
        Map<String, String> metadata = new LinkedHashMap<>();
        request.blockName().ifPresent(name -> metadata.put("kakaoBlock", name));
        request.intentName().ifPresent(name -> metadata.put("kakaoIntent", name));
        return metadata;
    }
}
