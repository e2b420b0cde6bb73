package org.supportflow.contracts.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PiiMaskerTests {

    private final PiiMasker masker = new PiiMasker();

    /** Korean and English variants the first masker let through (full-width, odd separators, Hangul digits...). */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/privacy/pii-variants.tsv", delimiter = '\t', numLinesToSkip = 1)
    void masksEveryVariant(String text, String expected) {
        assertThat(masker.maskText(text)).isEqualTo(expected);
    }

    /** Order numbers, amounts, dates, sizes and ordinary words the bot needs stay as they are. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/privacy/pii-negatives.tsv", delimiter = '\t', numLinesToSkip = 1)
    void leavesWhatIsNotPersonalData(String text) {
        PiiMasker.Masked masked = masker.mask(text);
        assertThat(masked.matches()).isEmpty();
        assertThat(masked.text()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "주민번호 900101-1234567 입니다 | 주민번호 [RRN] 입니다",
        "주민등록번호는 0105124123456 | 주민등록번호는 [RRN]",
        "주민번호 900101-1****** | 주민번호 [RRN]",
        "연락처 010-1234-5678 로 주세요 | 연락처 [PHONE] 로 주세요",
        "01012345678로 연락 | [PHONE]로 연락",
        "+82 10-9876-5432 | [PHONE]",
        "사무실 02-123-4567 | 사무실 [PHONE]",
        "call me at +1 415 555 2671 | call me at [PHONE]",
        "call (415) 555-2671 please | call [PHONE] please",
        "+44 20 7946 0958 is my number | [PHONE] is my number",
        "카드 4111 1111 1111 1111 결제 | 카드 [CARD] 결제",
        "card 5500-0000-0000-0004 was charged | card [CARD] was charged",
        "환불 계좌 110-123-456789 신한 | 환불 계좌 [ACCOUNT] 신한",
        "국민은행 123456-01-123456 으로 | 국민은행 [ACCOUNT] 으로",
        "my bank account is 3333012345678 | my bank account is [ACCOUNT]",
        "메일은 hong.gildong@example.co.kr 이에요 | 메일은 [EMAIL] 이에요",
        "write to a.b+c@mail.example.com | write to [EMAIL]",
    })
    void masksTheFormsTheFirstMaskerKnew(String text, String masked) {
        assertThat(masker.maskText(text)).isEqualTo(masked);
    }

    @Test
    void aCardNumberFailingLuhnIsNotMaskedAsACardAndAnOrderWordKeepsItAnOrderNumber() {
        PiiMasker.Masked m = masker.mask("order 4111 1111 1111 1112 please");
        assertThat(m.contains(PiiKind.CARD)).isFalse();
        assertThat(m.text()).contains("4111 1111 1111 1112");
        assertThat(PiiMasker.luhnValid("4111111111111111")).isTrue();
        assertThat(PiiMasker.luhnValid("4111111111111112")).isFalse();
    }

    @Test
    void severalKindsInOneMessageAreAllMaskedAndMatchesIndexTheNormalisedText() {
        PiiMasker.Masked m = masker.mask("저 홍길동이고 ０１０-1111-2222, hong＠test.com, 카드 4111-1111-1111-1111 입니다");
        assertThat(m.text()).isEqualTo("저 홍길동이고 [PHONE], [EMAIL], 카드 [CARD] 입니다");
        assertThat(m.matches()).extracting(PiiMasker.Match::kind)
                .containsExactly(PiiKind.PHONE, PiiKind.EMAIL, PiiKind.CARD);
        PiiMasker.Match email = m.matches().get(1);
        assertThat(m.normalized().substring(email.start(), email.end())).isEqualTo("hong@test.com");
    }

    @Test
    void anEmailMadeOfDigitsIsAnEmailNotAPhone() {
        assertThat(masker.maskText("01012345678@example.com")).isEqualTo("[EMAIL]");
    }

    @Test
    void normalisationKeepsHangulJamoAndDropsInvisibleCharacters() {
        assertThat(PiiMasker.normalize("ㅋㅋ ＡＢＣ１２３\u200b!")).isEqualTo("ㅋㅋ ABC123!");
        assertThat(PiiMasker.normalize("👨\u200d👩")).isEqualTo("👨\u200d👩");
        assertThat(masker.maskText("")).isEmpty();
        assertThat(masker.maskText(null)).isEmpty();
    }

    @Test
    void worstCaseInputsStillMaskWhatTheyHold() {
        String noAt = "a".repeat(4000);
        assertThat(masker.maskText(noAt)).isEqualTo(noAt);
        String manyAts = "a@".repeat(2000);
        assertThat(masker.maskText(manyAts)).isEqualTo(manyAts);
        String separators = "1-".repeat(2000);
        assertThat(masker.maskText(separators)).isEqualTo(separators);
        assertThat(masker.maskText("9".repeat(3990) + " 010-1234-5678")).endsWith(" [PHONE]");
        assertThat(masker.maskText("공일".repeat(1000) + " 공일공 칠삼구일 이팔오공")).doesNotContain("칠삼구일");
    }
}
