package org.supportflow.gateway.kakao;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KakaoMessageIdsTest {

    @Test
    void theSameCallbackUrlGivesTheSameIdAndHidesTheUrl() {
        Optional<URI> callback = Optional.of(URI.create("https://bot-api.kakao.example/callback/abc?token=secret"));

        String id = KakaoMessageIds.forRequest(callback);

        assertThat(KakaoMessageIds.forRequest(callback)).isEqualTo(id);
        assertThat(KakaoMessageIds.forRequest(Optional.of(URI.create("https://bot-api.kakao.example/callback/abd"))))
                .isNotEqualTo(id);
        assertThat(id).startsWith("kakao-cb-").doesNotContain("secret").hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void withoutCallbackEveryRequestIsANewMessage() {
        assertThat(KakaoMessageIds.forRequest(Optional.empty())).isNotEqualTo(KakaoMessageIds.forRequest(Optional.empty()));
    }
}
