package org.supportflow.gateway.channel;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.taxonomy.ChannelType;
import org.supportflow.gateway.common.GatewayConfig;
import org.supportflow.gateway.ratelimit.RateLimit;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Channels are built from the typed configuration, with per-channel overrides of the defaults. */
class ChannelRegistryProducerTest {

    private static GatewayConfig config(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "gateway.rate-limits.channel.per-second", "100",
                "gateway.rate-limits.channel.burst", "200",
                "gateway.rate-limits.customer.per-second", "1",
                "gateway.rate-limits.customer.burst", "5",
                "gateway.channels.web.type", "web",
                "gateway.channels.web.secret", "web-secret-web-secret"));
        properties.putAll(extra);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }

    @Test
    void buildsChannelsWithDefaultsAndOverrides() {
        GatewayConfig config = config(Map.of(
                "gateway.channels.kakao.type", "kakao",
                "gateway.channels.kakao.secret", "kakao-secret-kakao",
                "gateway.channels.kakao.callback-url", "https://kakao.example/hook",
                "gateway.channels.kakao.conversation-idle-timeout", "PT1H",
                "gateway.channels.kakao.customer-rate-limit.burst", "9"));

        ChannelRegistry registry = new ChannelRegistryProducer().registry(config);

        Channel web = registry.find("web").orElseThrow();
        assertThat(web.type()).isEqualTo(ChannelType.WEB);
        assertThat(web.callbackUrl()).isEmpty();
        assertThat(web.conversationIdleTimeout()).isEqualTo(Duration.ofHours(24));
        assertThat(web.channelLimit()).isEqualTo(new RateLimit(100, 200));
        assertThat(web.customerLimit()).isEqualTo(new RateLimit(1, 5));

        Channel kakao = registry.find("kakao").orElseThrow();
        assertThat(kakao.type()).isEqualTo(ChannelType.KAKAO);
        assertThat(kakao.callbackUrl()).contains(URI.create("https://kakao.example/hook"));
        assertThat(kakao.conversationIdleTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(kakao.customerLimit()).isEqualTo(new RateLimit(1, 9));
        assertThat(registry.find("other")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void refusesAnUnknownTypeOrABadCallback() {
        assertThatThrownBy(() -> new ChannelRegistryProducer().registry(config(Map.of(
                "gateway.channels.x.type", "pigeon", "gateway.channels.x.secret", "s"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pigeon");
        assertThatThrownBy(() -> new ChannelRegistryProducer().registry(config(Map.of(
                "gateway.channels.x.type", "sms", "gateway.channels.x.secret", "s",
                "gateway.channels.x.callback-url", "ftp://files/hook"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("callback-url");
    }
}
