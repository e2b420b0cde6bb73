package org.supportflow.gateway.ingest;

import org.junit.jupiter.api.Test;
import org.supportflow.web.ApiException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncomingMessageParserTest {

    private final IncomingMessageParser parser = new IncomingMessageParser();

    private IncomingMessage parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String json, String code) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void parsesTheContractExample() {
        IncomingMessage message = parse("""
                {"messageId": "ext-123",
                 "customer": {"id": "cust-42", "name": "홍길동", "locale": "ko-KR", "tier": "VIP"},
                 "text": "주문한 상품이 아직 안 왔어요",
                 "sentAt": "2026-11-22T10:00:00Z",
                 "metadata": {"page": "/orders", "attempt": 2, "nested": {"a": 1}}}""");
        assertThat(message.messageId()).isEqualTo("ext-123");
        assertThat(message.customer().id()).isEqualTo("cust-42");
        assertThat(message.customer().name()).isEqualTo("홍길동");
        assertThat(message.customer().locale()).isEqualTo("ko-KR");
        assertThat(message.customer().tier()).isEqualTo("VIP");
        assertThat(message.text()).isEqualTo("주문한 상품이 아직 안 왔어요");
        assertThat(message.sentAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(message.metadata()).containsEntry("page", "/orders").containsEntry("attempt", "2")
                .containsEntry("nested", "{\"a\":1}");
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        IncomingMessage message = parse("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}");
        assertThat(message.sentAt()).isNull();
        assertThat(message.metadata()).isEmpty();
        assertThat(message.customer().name()).isNull();
    }

    @Test
    void theSigningSystemMayVouchForTheCustomersIdentity() {
        assertThat(parse("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\", \"verified\": true}, \"text\": \"hi\"}")
                .customer().ref().hasVerifiedIdentity()).isTrue();
        assertThat(parse("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}")
                .customer().ref().hasVerifiedIdentity()).isFalse();
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\", \"verified\": \"yes\"}, \"text\": \"hi\"}",
                "invalid_field");
    }

    @Test
    void sentAtAcceptsOffsets() {
        IncomingMessage message = parse(
                "{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\", \"sentAt\": \"2026-11-22T19:00:00+09:00\"}");
        assertThat(message.sentAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }

    @Test
    void textLengthCountsCharactersNotBytes() {
        String ok = "가".repeat(IncomingMessageParser.MAX_TEXT_CHARACTERS);
        assertThat(parse("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"" + ok + "\"}").text())
                .hasSize(4000);
        String emoji = "😀".repeat(IncomingMessageParser.MAX_TEXT_CHARACTERS);
        assertThat(parse("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"" + emoji + "\"}").text())
                .isEqualTo(emoji);
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"" + ok + "!\"}", "text_too_long");
    }

    @Test
    void refusesBadBodies() {
        assertRefused("", "invalid_json");
        assertRefused("not json", "invalid_json");
        assertRefused("\"a string\"", "invalid_json");
        assertRefused("{\"messageId\": \"m\"} trailing", "invalid_json");
        assertRefused("{\"messageId\": \"a\", \"messageId\": \"b\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}",
                "invalid_json");
        assertRefused("{\"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}", "missing_field");
        assertRefused("{\"messageId\": \" \", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}", "missing_field");
        assertRefused("{\"messageId\": \"m\", \"text\": \"hi\"}", "missing_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": \"c\", \"text\": \"hi\"}", "invalid_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": 7}, \"text\": \"hi\"}", "invalid_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}}", "missing_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"   \"}", "missing_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": [\"hi\"]}", "invalid_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\", \"sentAt\": \"yesterday\"}",
                "invalid_sent_at");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\", \"sentAt\": 1700000000}",
                "invalid_sent_at");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\", \"metadata\": [1]}",
                "invalid_field");
        assertRefused("{\"messageId\": \"" + "x".repeat(201) + "\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}",
                "invalid_field");
    }

    @Test
    void errorMessagesNeverEchoTheText() {
        String secretText = "my card is 1234-5678";
        assertThatThrownBy(() -> parse("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"" + secretText
                + "\", \"sentAt\": \"" + secretText + "\"}"))
                .isInstanceOf(ApiException.class)
                .message().doesNotContain("1234");
    }
    @Test
    void controlCharactersInIdsAreRefusedAtTheEdge() {
        // A NUL is valid JSON that PostgreSQL cannot store; CR/LF in an id would forge log lines.
        assertRefused("{\"messageId\": \"m\\u0000\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}",
                "invalid_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\\u0000\"}, \"text\": \"hi\"}",
                "invalid_field");
        assertRefused("{\"messageId\": \"m\\r\\nforged\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}",
                "invalid_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\", \"name\": \"a\\u0007\"}, \"text\": \"hi\"}",
                "invalid_field");
        assertRefused("{\"messageId\": \"m\\u0085\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\"}",
                "invalid_field");
    }

    @Test
    void controlCharactersAndLoneSurrogatesInTextAreRefusedButLineBreaksAreKept() {
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\\u0000there\"}",
                "invalid_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi \\ud800\"}",
                "invalid_field");
        assertRefused("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, \"text\": \"hi\", "
                + "\"metadata\": {\"page\": \"a\\u0000\"}}", "invalid_field");

        IncomingMessage message = parse("{\"messageId\": \"m\", \"customer\": {\"id\": \"c\"}, "
                + "\"text\": \"첫 줄\\n둘째 줄\\t끝 😀\"}");
        assertThat(message.text()).isEqualTo("첫 줄\n둘째 줄\t끝 😀");
    }
}
