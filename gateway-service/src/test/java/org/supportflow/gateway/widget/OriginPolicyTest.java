package org.supportflow.gateway.widget;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OriginPolicyTest {

    private final OriginPolicy loopbackAndShop = OriginPolicy.of(List.of("http://127.0.0.1:*", "http://localhost:*",
            "https://shop.example.com"));

    @Test
    void aPortWildcardAcceptsAnyPortOfThatSchemeAndHost() {
        assertThat(loopbackAndShop.allows("http://127.0.0.1:5500")).isTrue();
        assertThat(loopbackAndShop.allows("http://127.0.0.1")).isTrue();
        assertThat(loopbackAndShop.allows("http://LOCALHOST:3000")).isTrue();
        assertThat(loopbackAndShop.allows("https://127.0.0.1:5500")).as("another scheme").isFalse();
        assertThat(loopbackAndShop.allows("http://127.0.0.2:5500")).isFalse();
        assertThat(loopbackAndShop.allows("http://localhost.evil.example:3000")).isFalse();
    }

    @Test
    void anExactOriginMatchesItsDefaultPortToo() {
        assertThat(loopbackAndShop.allows("https://shop.example.com")).isTrue();
        assertThat(loopbackAndShop.allows("https://shop.example.com:443")).isTrue();
        assertThat(loopbackAndShop.allows("https://shop.example.com:8443")).isFalse();
        assertThat(loopbackAndShop.allows("http://shop.example.com")).isFalse();
        assertThat(loopbackAndShop.allows("https://evil-shop.example.com")).isFalse();
    }

    @Test
    void whatIsNoOriginIsRefused() {
        assertThat(loopbackAndShop.allows(null)).isFalse();
        assertThat(loopbackAndShop.allows("null")).as("sandboxed pages and file: URLs send the origin 'null'").isFalse();
        assertThat(loopbackAndShop.allows("https://shop.example.com/path")).isFalse();
        assertThat(loopbackAndShop.allows("https://user@shop.example.com")).isFalse();
        assertThat(loopbackAndShop.allows("not a url")).isFalse();
        assertThat(OriginPolicy.of(List.of()).allows("https://shop.example.com")).isFalse();
    }

    @Test
    void aMisconfiguredEntryFailsLoudly() {
        assertThatThrownBy(() -> OriginPolicy.of(List.of("https://*.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("*.example.com");
        assertThatThrownBy(() -> OriginPolicy.of(List.of("shop.example.com")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OriginPolicy.of(List.of("https://shop.example.com/widget")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
