package org.supportflow.gateway.replies;

import jakarta.enterprise.context.ApplicationScoped;
import org.supportflow.gateway.channel.Channel;
import org.supportflow.gateway.channel.ChannelAuthenticator;
import org.supportflow.gateway.channel.ChannelRegistry;
import org.supportflow.web.ApiException;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.conversation.ConversationStore;
import org.supportflow.web.PlainText;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/** Authenticates a polling channel and pages through a conversation's replies. */
@ApplicationScoped
public class RepliesService {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final int MAX_CONVERSATION_ID = 200;

    private final ChannelRegistry channels;
    private final ChannelAuthenticator authenticator;
    private final ConversationStore conversations;
    private final ReplyStore replies;

    public RepliesService(ChannelRegistry channels, ConversationStore conversations, ReplyStore replies, Clock clock,
                          GatewayConfig config) {
        this.channels = channels;
        this.conversations = conversations;
        this.replies = replies;
        this.authenticator = new ChannelAuthenticator(clock, config.ingest().signatureTolerance());
    }

    /** @param signedTarget the request target as received, {@code path?query} */
    public record PollRequest(String conversationId, String after, String limit, String channelId, String timestamp,
                              String signature, String signedTarget) {
    }

    public RepliesPage page(PollRequest request) {
        if (request.channelId() == null || request.channelId().isBlank()) {
            throw ApiException.unauthorized("missing_channel", "the X-Channel-Id header is required");
        }
        Channel channel = channels.find(request.channelId())
                .orElseThrow(() -> ApiException.unauthorized("unknown_channel", "no channel with this id is configured"));
        authenticator.authenticate(channel, request.timestamp(), request.signature(),
                request.signedTarget().getBytes(StandardCharsets.UTF_8));
        long after = ReplyCursor.parse(request.after());
        int limit = parseLimit(request.limit());
        String owner = couldBeAConversationId(request.conversationId())
                ? conversations.channelOf(request.conversationId()).orElse(null) : null;
        if (!channel.id().equals(owner)) {
            throw ApiException.notFound("unknown_conversation", "no conversation with this id on this channel");
        }
        List<StoredReply> page = replies.after(request.conversationId(), after, limit);
        long next = page.isEmpty() ? after : page.getLast().sequence();
        return new RepliesPage(page.stream()
                .map(reply -> new RepliesPage.Item(reply.messageId(), reply.inReplyTo(), reply.text(),
                        reply.quickReplies(), reply.from(), reply.sentAt()))
                .toList(), ReplyCursor.format(next));
    }

    /** Ids the gateway makes are short and printable; anything else (a NUL the database refuses) is no conversation. */
    private static boolean couldBeAConversationId(String id) {
        return id != null && id.length() <= MAX_CONVERSATION_ID && PlainText.Validator.isPlain(id, false);
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badRequest("invalid_limit", "limit must be an integer between 1 and " + MAX_LIMIT);
    }

    /**
     * The signed part of a request target: {@code path?query} as received. An absolute-form target
     * ({@code http://host/path?query}, rare, from proxies) is reduced to its path and query.
     */
    static String signedTarget(String requestUri) {
        if (requestUri == null) {
            return "";
        }
        if (requestUri.startsWith("/")) {
            return requestUri;
        }
        try {
            URI uri = URI.create(requestUri);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return requestUri;
        }
    }
}
