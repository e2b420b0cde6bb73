package org.supportflow.nlu.language;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTest {

    private static final LanguageDetector DETECTOR = LanguageDetector.fromClasspath("ko");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "배송조회 | ko",
        "환불요 | ko",
        "안녕하세요 주문 취소하고 싶어요 | ko",
        "ㅠㅠ | ko",
        "주문 cancel 해주세요 | ko",
        "where is my order | en",
        "hi | en",
        "Can I get a refund for order ORD-1234? | en",
        "I ordered a 가방 last week and it has not arrived yet | en",
        "¿Dónde está mi pedido? | en",
    })
    void decidesKoreanOrEnglish(String text, String expected) {
        assertThat(DETECTOR.detect(text)).isEqualTo(expected);
    }

    @Test
    void messagesWithoutLettersGetTheDefault() {
        assertThat(DETECTOR.detect("12345 !!!")).isEqualTo("ko");
        assertThat(LanguageDetector.fromClasspath("en").detect("😀👍")).isEqualTo("en");
    }

    @Test
    void theStatisticalModelRecognisesLongerTexts() {
        assertThat(DETECTOR.statisticalGuess("안녕하세요, 지난주에 주문한 상품이 아직 도착하지 않아서 문의드립니다."))
                .isEqualTo("kor");
        assertThat(DETECTOR.statisticalGuess("Hello, the parcel I ordered last week still has not arrived."))
                .isEqualTo("eng");
    }
}
