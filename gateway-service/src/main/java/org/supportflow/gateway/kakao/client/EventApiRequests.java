package org.supportflow.gateway.kakao.client;

import org.supportflow.gateway.kakao.KakaoChannelConfig;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests of Kakao's Event API (kakaobusiness.gitbook.io/main/tool/chatbot/main_notions/event-api): the bot
 * sends the user a message of its own by triggering an event block. The reply's text travels as the event's
 * {@code data.text}, which the event block of the bot shows.
 */
public final class EventApiRequests {

    private EventApiRequests() {
    }

    public static URI talkUri(KakaoChannelConfig.EventApi config) {
        String base = config.baseUrl().toString();
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + "/v2/bots/" + config.botId() + "/talk");
    }

    public static Map<String, String> headers(KakaoChannelConfig.EventApi config) {
        return Map.of("Authorization", "KakaoAK " + config.key());
    }

    public static Map<String, Object> body(KakaoChannelConfig.EventApi config, String botUserKey, String text) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", config.eventName());
        event.put("data", Map.of("text", text));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("user", List.of(Map.of("type", "botUserKey", "id", botUserKey)));
        return body;
    }
}
