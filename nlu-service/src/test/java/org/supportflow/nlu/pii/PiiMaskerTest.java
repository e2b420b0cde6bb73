package org.supportflow.nlu.pii;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PiiMaskerTest {

    private final PiiMasker masker = new PiiMasker();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // resident registration numbers
        "주민번호 900101-1234567 입니다 | 주민번호 [RRN] 입니다",
        "주민등록번호는 0105124123456 | 주민등록번호는 [RRN]",
        // phones, Korean and international
        "연락처 010-1234-5678 로 주세요 | 연락처 [PHONE] 로 주세요",
        "01012345678로 연락 | [PHONE]로 연락",
        "+82 10-9876-5432 | [PHONE]",
        "사무실 02-123-4567 | 사무실 [PHONE]",
        "call me at +1 415 555 2671 | call me at [PHONE]",
        "call (415) 555-2671 please | call [PHONE] please",
        "+44 20 7946 0958 is my number | [PHONE] is my number",
        // cards: only when the Luhn check passes
        "카드 4111 1111 1111 1111 결제 | 카드 [CARD] 결제",
        "card 5500-0000-0000-0004 was charged | card [CARD] was charged",
        // bank accounts
        "환불 계좌 110-123-456789 신한 | 환불 계좌 [ACCOUNT] 신한",
        "국민은행 123456-01-123456 으로 | 국민은행 [ACCOUNT] 으로",
        "my bank account is 3333012345678 | my bank account is [ACCOUNT]",
        // e-mail
        "메일은 hong.gildong@example.co.kr 이에요 | 메일은 [EMAIL] 이에요",
        "write to a.b+c@mail.example.com | write to [EMAIL]",
    })
    void masksEachKind(String text, String masked) {
        assertThat(masker.maskText(text)).isEqualTo(masked);
    }

    @Test
    void aCardNumberFailingLuhnIsNotMaskedAsACard() {
        PiiMasker.Masked m = masker.mask("order 4111 1111 1111 1112 please");
        assertThat(m.contains(PiiKind.CARD)).isFalse();
        assertThat(m.text()).contains("4111 1111 1111 1112");
        assertThat(PiiMasker.luhnValid("4111111111111111")).isTrue();
        assertThat(PiiMasker.luhnValid("4111111111111112")).isFalse();
    }

    @Test
    void orderNumbersDatesAndAmountsAreNotPersonalData() {
        String text = "주문번호 2024-1123-12345 건, 2024-11-23 결제 35,000원, ORD-20241123-0042";
        assertThat(masker.maskText(text)).isEqualTo(text);
    }

    @Test
    void severalKindsInOneMessageAreAllMasked() {
        PiiMasker.Masked m = masker.mask("저 홍길동이고 010-1111-2222, hong@test.com, 카드 4111-1111-1111-1111 입니다");
        assertThat(m.text()).isEqualTo("저 홍길동이고 [PHONE], [EMAIL], 카드 [CARD] 입니다");
        assertThat(m.matches()).extracting(PiiMasker.Match::kind)
                .containsExactly(PiiKind.PHONE, PiiKind.EMAIL, PiiKind.CARD);
    }

    @Test
    void textWithoutPersonalDataIsUnchanged() {
        assertThat(masker.maskText("배송 언제 와요?")).isEqualTo("배송 언제 와요?");
        assertThat(masker.maskText("")).isEmpty();
    }
}
