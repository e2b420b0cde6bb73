package org.supportflow.gateway.kakao.response;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter(1000);

    @Test
    void aShortTextIsOnePiece() {
        assertThat(splitter.split("  주문하신 상품은 배송 중입니다.  ")).containsExactly("주문하신 상품은 배송 중입니다.");
        assertThat(splitter.split("   ")).isEmpty();
    }

    @Test
    void longKoreanTextIsSplitAtSentenceEndsIntoPiecesThatFit() {
        String sentence = "주문하신 상품은 오늘 오후에 출고되어 내일 도착할 예정입니다. "; // 37 chars
        String text = sentence.repeat(60).strip();

        List<String> pieces = splitter.split(text);

        assertThat(pieces).hasSize(3).allSatisfy(piece -> {
            assertThat(piece.length()).isLessThanOrEqualTo(1000);
            assertThat(piece).endsWith("예정입니다.").startsWith("주문하신");
        });
        assertThat(String.join(" ", pieces)).isEqualTo(text);
    }

    @Test
    void sentenceEndsInBothLanguages() {
        assertThat(SentenceSplitter.sentences("Version 3.5 is out. Really? Yes! 네。좋아요\n다음"))
                .containsExactly("Version 3.5 is out. ", "Really? ", "Yes! ", "네。", "좋아요\n", "다음");
    }

    @Test
    void aSentenceLongerThanAPieceIsSplitBetweenWordsNeverInsideOne() {
        String text = "배송지 변경은 출고 전까지만 가능하며 ".repeat(80); // no sentence end at all
        List<String> pieces = splitter.split(text);

        assertThat(pieces).hasSizeGreaterThan(1).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(1000));
        List<String> words = Arrays.asList(text.strip().split("\\s+"));
        List<String> splitWords = pieces.stream().flatMap(piece -> Arrays.stream(piece.split("\\s+"))).toList();
        assertThat(splitWords).isEqualTo(words);
    }

    @Test
    void onlyAWordLongerThanAPieceIsCutAndNeverBetweenASurrogatePair() {
        String word = "😀".repeat(700); // 1,400 UTF-16 chars, no space
        List<String> pieces = splitter.split(word);

        assertThat(pieces).hasSize(2);
        assertThat(String.join("", pieces)).isEqualTo(word);
        assertThat(pieces).allSatisfy(piece -> {
            assertThat(piece.length()).isLessThanOrEqualTo(1000);
            assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
        });
    }
}
