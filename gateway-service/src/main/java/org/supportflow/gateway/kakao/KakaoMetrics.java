package org.supportflow.gateway.kakao;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code gateway_kakao_callbacks_total{channel,outcome}}: POSTs to callbackUrls (delivered, failed) and callbackUrls refused by configuration (refused_url);
 * {@code gateway_kakao_replies_total{channel,outcome}}: what became of each reply of a kakao conversation
 * (skill_response, callback, event_api, held, event_api_failed, left_to_request, already_delivered).
 */
@ApplicationScoped
public class KakaoMetrics {

    private final MeterRegistry registry;

    public KakaoMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void callback(String channelId, String outcome) {
        registry.counter("gateway.kakao.callbacks", "channel", channelId, "outcome", outcome).increment();
    }

    public void reply(String channelId, String outcome, int count) {
        if (count > 0) {
            registry.counter("gateway.kakao.replies", "channel", channelId, "outcome", outcome).increment(count);
        }
    }
}
