package org.supportflow.gateway.kakao;

import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code gateway.channels.<id>.kakao.*}: settings of a KakaoTalk channel (type {@code kakao}). */
public interface KakaoChannelConfig {

    /** How long the skill waits for the bot's answer before it answers with {@code useCallback} (Kakao waits 5 s). */
    @WithDefault("PT3.5S")
    Duration replyBudget();

    /**
     * How long after the request its callbackUrl is used: Kakao's limit is one minute; the margin leaves time
     * for the POST itself.
     */
    @WithDefault("PT55S")
    Duration callbackLife();

    /**
     * When set, only callbackUrls starting with one of these are used (others are treated as absent and
     * counted); the skill key already keeps strangers out, this also keeps a leaked key from making the
     * gateway POST anywhere.
     */
    Optional<List<String>> callbackUrlPrefixes();

    /** Kakao's paid Event API, for agents' replies when no callback is open; without it they wait for the user. */
    Optional<EventApi> eventApi();

    interface EventApi {
        /** e.g. {@code https://bot-api.kakao.com}; the gateway POSTs to {@code <base>/v2/bots/<bot-id>/talk}. */
        URI baseUrl();

        String botId();

        /** The REST API key, sent as {@code Authorization: KakaoAK <key>}. */
        String key();

        /** The event the bot's event block listens to; the reply's text is its {@code data.text} parameter. */
        @WithDefault("supportflow_reply")
        String eventName();
    }

    /** Whether a callbackUrl of a payload may be used. */
    default boolean callbackAllowed(URI callbackUrl) {
        return callbackUrlPrefixes().map(prefixes -> prefixes.stream().anyMatch(callbackUrl.toString()::startsWith))
                .orElse(true);
    }
}
