package org.supportflow.analytics.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PiiGuardTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "메일은 kim.minsu@example.co.kr 입니다|메일은 [EMAIL] 입니다",
            "write to a+b@mail.example.com please|write to [EMAIL] please",
            "전화 010-1234-5678 로 주세요|전화 [PHONE] 로 주세요",
            "call 01012345678 now|call [PHONE] now",
            "서울 02 123 4567|서울 [PHONE]",
            "reach me at +82 10-1234-5678|reach me at [PHONE]",
            "card 1234-5678-9012-3456 charged twice|card [NUMBER] charged twice",
            "주민번호 900101-1234567|주민번호 [NUMBER]"})
    void masksWhatStillLooksLikePersonalData(String input, String expected) {
        PiiGuard.Result result = PiiGuard.sanitize(input);
        assertThat(result.text()).isEqualTo(expected);
        assertThat(result.remasked()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "주문한 상품이 아직 안 왔어요",
            "my number is [PHONE] and mail [EMAIL]",
            "order 12345 arrived on 2026-11-22",
            "3개 주문했는데 2개만 왔어요"})
    void leavesMaskedTextAlone(String input) {
        PiiGuard.Result result = PiiGuard.sanitize(input);
        assertThat(result.text()).isEqualTo(input);
        assertThat(result.remasked()).isFalse();
    }

    @Test
    void capsTheLengthAndKeepsNull() {
        assertThat(PiiGuard.sanitize("가".repeat(5000)).text()).hasSize(PiiGuard.MAX_TEXT_LENGTH);
        assertThat(PiiGuard.sanitize(null).text()).isNull();
        assertThat(PiiGuard.sanitize(null).remasked()).isFalse();
    }
}
