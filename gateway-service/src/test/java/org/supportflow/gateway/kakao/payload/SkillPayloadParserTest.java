package org.supportflow.gateway.kakao.payload;

import org.junit.jupiter.api.Test;
import org.supportflow.web.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkillPayloadParserTest {

    private final SkillPayloadParser parser = new SkillPayloadParser();

    static String fixture(String name) {
        try (InputStream in = SkillPayloadParserTest.class.getResourceAsStream("/kakao/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private SkillRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(String json, String code) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void koreanPayloadWithoutCallback() {
        SkillRequest request = parse(fixture("skill-payload-ko.json"));

        assertThat(request.utterance()).isEqualTo("주문한 상품이 아직 안 왔어요. 배송 조회 부탁드려요!");
        assertThat(request.botUserKey()).isEqualTo("botuserkey-ko-0001");
        assertThat(request.locale()).contains("ko"); // Kakao's "kr"
        assertThat(request.language().getLanguage()).isEqualTo("ko");
        assertThat(request.callbackUrl()).isEmpty();
        assertThat(request.blockName()).contains("폴백 블록");
        assertThat(request.intentName()).contains("폴백 블록");
    }

    @Test
    void englishPayloadWithCallback() {
        SkillRequest request = parse(fixture("skill-payload-en-callback.json"));

        assertThat(request.utterance()).isEqualTo("Where is my order? It was due yesterday.");
        assertThat(request.locale()).contains("en");
        assertThat(request.language()).isEqualTo(Locale.ENGLISH);
        assertThat(request.callbackUrl()).contains(URI.create("https://bot-api.kakao.example/callback/0001"));
    }

    @Test
    void withoutLangTheLanguageOfTheGatewaysTextsFollowsTheUtterance() {
        SkillRequest korean = parse(fixture("skill-payload-ko-no-lang.json"));
        assertThat(korean.locale()).isEmpty();
        assertThat(korean.language().getLanguage()).isEqualTo("ko");

        SkillRequest english = parse(fixture("skill-payload-ko-no-lang.json").replace("상담원 연결해 주세요", "agent please"));
        assertThat(english.language()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void malformedJsonIsInvalidJson() {
        assertRefused("{\"userRequest\": ", "invalid_json");
        assertRefused("[]", "invalid_json");
        assertRefused(fixture("skill-payload-ko.json") + " {}", "invalid_json");
        assertRefused("{\"userRequest\": {\"utterance\": \"a\", \"utterance\": \"b\", \"user\": {\"id\": \"u\"}}}", "invalid_json");
    }

    @Test
    void utteranceAndUserIdAreRequired() {
        assertRefused(fixture("skill-payload-ko.json").replace("\"utterance\"", "\"said\""), "missing_field");
        assertRefused(fixture("skill-payload-ko.json").replace("\"id\": \"botuserkey-ko-0001\"", "\"key\": \"x\""), "missing_field");
        assertRefused("{\"intent\": {}}", "missing_field");
        assertRefused(fixture("skill-payload-ko.json").replace("주문한 상품이 아직 안 왔어요. 배송 조회 부탁드려요!", "  "), "missing_field");
        assertRefused(fixture("skill-payload-ko.json").replace("\"botuserkey-ko-0001\"", "42"), "invalid_field");
    }

    @Test
    void utteranceWithControlCharactersOrTooLongIsRefusedLikeSection1() {
        assertRefused(fixture("skill-payload-ko.json").replace("배송 조회", "배송\\u0000조회"), "invalid_field");
        assertRefused(fixture("skill-payload-ko.json").replace("주문한 상품이 아직 안 왔어요. 배송 조회 부탁드려요!", "가".repeat(4001)), "text_too_long");
        assertThat(parse(fixture("skill-payload-ko.json").replace("배송 조회", "배송\\n조회")).utterance()).contains("\n");
    }

    @Test
    void aCallbackUrlMustBeAnAbsoluteHttpUrl() {
        assertRefused(fixture("skill-payload-en-callback.json").replace("https://bot-api.kakao.example/callback/0001", "file:///etc/passwd"), "invalid_field");
        assertRefused(fixture("skill-payload-en-callback.json").replace("https://bot-api.kakao.example/callback/0001", "not a url"), "invalid_field");
        assertThat(parse(fixture("skill-payload-en-callback.json").replace("https://bot-api.kakao.example/callback/0001", "")).callbackUrl())
                .isEqualTo(Optional.empty());
    }
}
