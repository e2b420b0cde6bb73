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
            "card 4539-7391-2846-0016 charged twice|card [CARD] charged twice",
            "주민번호 900101-1234567|주민번호 [RRN]",
            // Forms only the shared masker knows: full-width, slashes, dots, Hangul digits, bare accounts.
            "연락처 ０１０－７３９１－２８５０|연락처 [PHONE]",
            "mail hong＠example.com|mail [EMAIL]",
            "카드 4539.7391.2846.0016|카드 [CARD]",
            "전화 010/7391/2852|전화 [PHONE]",
            "번호 공일공 칠삼구일 이팔오공|번호 [PHONE]",
            "환불은 110 234 567890 으로|환불은 [ACCOUNT] 으로"})
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
            "3개 주문했는데 2개만 왔어요",
            "주문번호 ORD-20231234 결제 30,000원"})
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
