package org.supportflow.gateway.widget;

import org.junit.jupiter.api.Test;
import org.supportflow.web.ApiException;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WidgetRequestsTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageHasAClientIdTextAndMaybeALocale() {
        WidgetRequests.MessageRequest message = WidgetRequests.message(
                json("{\"clientId\":\"c0ffee-1234\",\"text\":\"배송 조회\\n부탁해요\",\"locale\":\"ko-KR\"}"));
        assertThat(message.clientId()).isEqualTo("c0ffee-1234");
        assertThat(message.text()).isEqualTo("배송 조회\n부탁해요");
        assertThat(message.locale()).contains("ko-KR");
    }

    @Test
    void badMessagesAre400WithTheirReason() {
        assertBad("{\"clientId\":\"c0ffee-1234\"}", "missing_field");
        assertBad("{\"text\":\"hi\"}", "missing_field");
        assertBad("{\"clientId\":\"short\",\"text\":\"hi\"}", "invalid_field");
        assertBad("{\"clientId\":\"c0ffee 1234\",\"text\":\"hi\"}", "invalid_field");
        assertBad("{\"clientId\":\"c0ffee-1234\",\"text\":\"   \"}", "missing_field");
        assertBad("{\"clientId\":\"c0ffee-1234\",\"text\":\"a\\u0000b\"}", "invalid_field");
        assertBad("{\"clientId\":\"c0ffee-1234\",\"text\":\"" + "가".repeat(4001) + "\"}", "text_too_long");
        assertBad("{\"clientId\":\"c0ffee-1234\",\"text\":42}", "invalid_field");
        assertBad("{\"clientId\":\"c0ffee-1234\",\"text\":\"hi\",\"locale\":\"<script>\"}", "invalid_field");
        assertBad("{\"clientId\":\"c0ffee-1234\",\"text\":\"hi\",\"text\":\"again\"}", "invalid_json");
        assertBad("[1]", "invalid_json");
        assertBad("{", "invalid_json");
        assertBad("", "invalid_json");
    }

    @Test
    void aSessionMayResumeAndNameAUser() {
        assertThat(WidgetRequests.session(new byte[0]).visitorToken()).isEmpty();
        WidgetRequests.SessionRequest request = WidgetRequests.session(
                json("{\"visitorToken\":\"abc.def\",\"user\":{\"id\":\"u-42\",\"hash\":\"00ff\"}}"));
        assertThat(request.visitorToken()).contains("abc.def");
        assertThat(request.user()).contains(new WidgetRequests.Identity("u-42", "00ff"));
        assertThatThrownBy(() -> WidgetRequests.session(json("{\"user\":{\"id\":\"u-42\"}}")))
                .isInstanceOf(ApiException.class).hasMessageContaining("user.hash");
        assertThatThrownBy(() -> WidgetRequests.session(json("{\"user\":{\"id\":\"u\\n42\",\"hash\":\"00\"}}")))
                .isInstanceOf(ApiException.class).hasMessageContaining("user.id");
        assertThatThrownBy(() -> WidgetRequests.session(json("{\"user\":\"u-42\"}")))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void messageIdsAreDerivedFromVisitorAndClientId() {
        assertThat(MessageIds.of("visitor:a", "c0ffee-1234")).isEqualTo(MessageIds.of("visitor:a", "c0ffee-1234"))
                .startsWith("widget-")
                .isNotEqualTo(MessageIds.of("visitor:b", "c0ffee-1234"))
                .isNotEqualTo(MessageIds.of("visitor:a", "c0ffee-1235"));
    }

    private static void assertBad(String body, String code) {
        assertThatThrownBy(() -> WidgetRequests.message(json(body)))
                .as(body.length() > 80 ? body.substring(0, 80) : body)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo(code);
                });
    }
}
