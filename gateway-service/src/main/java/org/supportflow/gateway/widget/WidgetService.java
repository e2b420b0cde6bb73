package org.supportflow.gateway.widget;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.supportflow.contracts.events.Customer;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.gateway.channel.Channel;
import org.supportflow.gateway.channel.ChannelRegistry;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.ingest.IncomingMessage;
import org.supportflow.gateway.ingest.IngestOutcome;
import org.supportflow.gateway.ingest.IngestService;
import org.supportflow.gateway.ratelimit.KeyedRateLimiter;
import org.supportflow.gateway.ratelimit.RateLimit;
import org.supportflow.gateway.replies.ReplyCursor;
import org.supportflow.gateway.replies.ReplyStore;
import org.supportflow.gateway.replies.StoredReply;
import org.supportflow.web.ApiException;
import org.supportflow.web.ErrorCodes;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The web chat widget's API behind its thin resource: which channel and page may call (origin, per-address
 * limit), visitor sessions, sending through the common ingestion path, and the history of a reload.
 */
@ApplicationScoped
public class WidgetService {

    private static final Logger LOG = Logger.getLogger(WidgetService.class);
    /** Lines a reloaded page shows: the latest visitor messages and replies, each up to this many. */
    static final int HISTORY_LIMIT = 200;

    private final Map<String, WidgetChannel> widgetChannels;
    private final IngestService ingest;
    private final WidgetMessageStore messages;
    private final ReplyStore replies;
    private final Clock clock;
    private final KeyedRateLimiter addresses = new KeyedRateLimiter(System::nanoTime);

    public WidgetService(ChannelRegistry channels, GatewayConfig config, IngestService ingest,
                         WidgetMessageStore messages, ReplyStore replies, Clock clock) {
        this.widgetChannels = channels.all().stream()
                .filter(channel -> channel.type() == ChannelType.WEB)
                .map(channel -> widgetChannel(channel, config.channels().get(channel.id()).widget(), clock))
                .collect(Collectors.toUnmodifiableMap(WidgetChannel::id, Function.identity()));
        this.ingest = ingest;
        this.messages = messages;
        this.replies = replies;
        this.clock = clock;
    }

    static WidgetChannel widgetChannel(Channel channel, WidgetChannelConfig widget, Clock clock) {
        OriginPolicy origins;
        try {
            origins = OriginPolicy.of(widget.allowedOrigins().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("channel " + channel.id() + ": widget.allowed-origins: " + e.getMessage(), e);
        }
        if (widget.allowedOrigins().isEmpty()) {
            LOG.warnf("web channel %s has no widget.allowed-origins: no page may use its widget", channel.id());
        }
        return new WidgetChannel(channel, origins, widget.identitySecret().filter(secret -> !secret.isBlank()),
                new VisitorTokens(channel.id(), channel.secret(), clock, widget.visitorTokenLifetime()), new RateLimit(widget.addressPerSecond(), widget.addressBurst()), widget.demoPage());
    }

    /** A web channel, or 404: unknown ids and channels of other types look alike. */
    public WidgetChannel channel(String channelId) {
        WidgetChannel channel = channelId == null ? null : widgetChannels.get(channelId);
        if (channel == null) {
            throw ApiException.notFound("unknown_channel", "no web chat channel with this id is configured");
        }
        return channel;
    }

    /**
     * The checks every API call passes first: a page origin the channel allows (a request without an Origin
     * header is no other site's page: browsers always send one across origins), then the per-address limit.
     */
    public WidgetChannel admit(String channelId, String origin, String remoteAddress) {
        WidgetChannel channel = channel(channelId);
        if (origin != null && !channel.origins().allows(origin)) {
            ingest.rejected(channel.id(), "origin_not_allowed");
            throw new ApiException(403, "origin_not_allowed", "this page's origin may not use this channel's widget");
        }
        Duration wait = addresses.acquire(channel.id() + '\u0000' + remoteAddress, channel.addressLimit());
        if (!wait.isZero()) {
            ingest.rejected(channel.id(), ErrorCodes.RATE_LIMITED);
            throw ApiException.rateLimited("too many widget requests from this address", wait);
        }
        return channel;
    }

    /** Per-address buckets that refilled are dropped, as the ingestion's are: memory stays bounded. */
    @Scheduled(every = "${gateway.rate-limits.evict-idle-after:PT10M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void evictFullAddressBuckets() {
        addresses.evictFull();
    }

    /** Whether {@code origin} may read the answers of this channel's API (CORS); unknown channels: no. */
    public boolean corsAllowed(String channelId, String origin) {
        WidgetChannel channel = channelId == null ? null : widgetChannels.get(channelId);
        return channel != null && origin != null && channel.origins().allows(origin);
    }

    /** The session answer: the token to keep, and who it speaks for. */
    public record Session(String visitorToken, String visitorId, boolean identified) {
    }

    /**
     * Starts or renews a session: a valid token keeps its visitor id (another channel's, a forged or an expired
     * one starts afresh); a user with the right identity HMAC is bound to the session, a wrong one is a 401.
     */
    public Session session(WidgetChannel channel, WidgetRequests.SessionRequest request) {
        String visitorId = request.visitorToken().flatMap(token -> stillValid(channel, token))
                .map(VisitorToken::visitorId).orElse(null);
        Optional<String> user = Optional.empty();
        if (request.user().isPresent()) {
            WidgetRequests.Identity identity = request.user().get();
            if (channel.identitySecret().isEmpty()) {
                throw ApiException.badRequest("identity_not_enabled",
                        "this channel has no identity secret: users cannot be identified");
            }
            if (!VisitorTokens.identityMatches(channel.identitySecret().get(), identity.id(), identity.hash())) {
                throw ApiException.unauthorized("invalid_identity", "the user's identity hash does not match");
            }
            user = Optional.of(identity.id());
        }
        String token = channel.tokens().issue(visitorId, user);
        VisitorToken issued = channel.tokens().verify(token);
        return new Session(token, issued.visitorId(), user.isPresent());
    }

    private static Optional<VisitorToken> stillValid(WidgetChannel channel, String token) {
        try {
            return Optional.of(channel.tokens().verify(token));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** The visitor a bearer token stands for (401 otherwise). */
    public VisitorToken visitor(WidgetChannel channel, String token) {
        return channel.tokens().verify(token);
    }

    /** The send answer (202). */
    public record Sent(String messageId, String clientId, String conversationId, String status) {
    }

    /**
     * Sends a visitor's message through the common ingestion path; the same client id again is a duplicate
     * (nothing sent twice), the same client id with another text a 409. Blocking (JDBC): call on a worker.
     */
    public Sent send(WidgetChannel channel, VisitorToken visitor, WidgetRequests.MessageRequest request) {
        String customerId = visitor.customerId();
        String messageId = MessageIds.of(customerId, request.clientId());
        IncomingMessage message = new IncomingMessage(messageId,
                // A signed-in visitor (the site's HMAC over the user id checked) has a verified identity.
                new Customer(customerId, null, request.locale().orElse(null), null, visitor.userId().isPresent()),
                request.text(), clock.instant(),
                Map.of("source", "widget"));
        IngestOutcome outcome = ingest.acceptNative(channel.channel(), message, Optional.empty())
                .await().atMost(Duration.ofSeconds(10));
        // also for a duplicate: the first attempt may have been accepted and then lost before this insert
        messages.save(channel.id(), customerId, new WidgetMessageStore.VisitorMessage(messageId, request.clientId(),
                outcome.conversationId(), request.text(), clock.instant()));
        return new Sent(messageId, request.clientId(), outcome.conversationId(), outcome.status());
    }

    /** The history answer: lines oldest first, and the cursor the reply stream continues from. */
    public record History(List<WidgetEntry> entries, String cursor) {
    }

    public History history(WidgetChannel channel, VisitorToken visitor) {
        List<StoredReply> latestReplies = replies.latestForCustomer(channel.id(), visitor.customerId(), HISTORY_LIMIT);
        List<WidgetEntry> entries = new ArrayList<>();
        messages.latest(channel.id(), visitor.customerId(), HISTORY_LIMIT).forEach(m -> entries.add(WidgetEntry.of(m)));
        latestReplies.forEach(reply -> entries.add(WidgetEntry.of(reply)));
        entries.sort(Comparator.comparing(WidgetEntry::sentAt));
        long cursor = latestReplies.isEmpty() ? ReplyCursor.START : latestReplies.getLast().sequence();
        return new History(entries, ReplyCursor.format(cursor));
    }
}
