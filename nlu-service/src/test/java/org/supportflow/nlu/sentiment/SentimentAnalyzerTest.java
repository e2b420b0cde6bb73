package org.supportflow.nlu.sentiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentAnalyzerTest {

    private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "안 좋아요 | NEGATIVE",
        "안좋아요 | NEGATIVE",
        "좋지 않아요 | NEGATIVE",
        "별로예요 | NEGATIVE",
        "정말 화가 납니다 | NEGATIVE",
        "최악이에요 😡 | NEGATIVE",
        "마음에 안 들어요 | NEGATIVE",
        "배송은 빨랐지만 제품이 별로예요 | NEGATIVE",
        "최고예요 | POSITIVE",
        "정말 친절하게 도와주셔서 감사합니다 | POSITIVE",
        "나쁘지 않네요 | POSITIVE",
        "문제없이 잘 받았어요 | POSITIVE",
        "배송 조회하고 싶어요 | NEUTRAL",
        "빨리 왔으면 좋겠어요 | NEUTRAL",
        "not happy at all | NEGATIVE",
        "I am not happy with this | NEGATIVE",
        "This is the worst service ever | NEGATIVE",
        "really disappointed | NEGATIVE",
        "great service, thank you! | POSITIVE",
        "not bad | POSITIVE",
        "where is my order? | NEUTRAL",
    })
    void labels(String text, SentimentLabel expected) {
        assertThat(analyzer.analyze(text).label()).isEqualTo(expected);
    }

    @Test
    void negationAndIntensifiersMoveTheScore() {
        double good = analyzer.analyze("좋아요").score();
        double veryGood = analyzer.analyze("정말 좋아요").score();
        double notGood = analyzer.analyze("안 좋아요").score();
        assertThat(veryGood).isGreaterThan(good);
        assertThat(notGood).isNegative();
        assertThat(analyzer.analyze("not happy at all").score())
                .isLessThan(analyzer.analyze("not happy").score());
        assertThat(analyzer.analyze("angry").score()).isGreaterThan(analyzer.analyze("extremely angry").score());
        assertThat(analyzer.analyze("화가 나요").score()).isGreaterThan(analyzer.analyze("정말 화가 납니다!!").score());
    }

    @Test
    void scoreStaysWithinBounds() {
        SentimentResult r = analyzer.analyze("최악 최악 최악 정말 화가 납니다 짜증 나요 😡😡 worst terrible awful!!!");
        assertThat(r.score()).isBetween(-1.0, -0.9);
        assertThat(analyzer.analyze("").label()).isEqualTo(SentimentLabel.NEUTRAL);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "급해요 오늘 안에 꼭 받아야 해요 | HIGH",
        "지금 당장 처리해 주세요 | HIGH",
        "제품에서 연기가 나요 위험해요 | HIGH",
        "소비자원에 신고하겠습니다 | HIGH",
        "I need this ASAP | HIGH",
        "this is urgent, please respond immediately | HIGH",
        "I will contact my lawyer | HIGH",
        "급하지 않으니 천천히 확인해 주세요 | LOW",
        "no rush, whenever you can | LOW",
        "감사합니다 정말 좋아요 | LOW",
        "배송 조회하고 싶어요 | NORMAL",
        "where is my order | NORMAL",
    })
    void urgency(String text, Urgency expected) {
        assertThat(analyzer.analyze(text).urgency()).isEqualTo(expected);
    }
}
