package org.supportflow.ticket.csat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsatAnswersTest {

    @ParameterizedTest
    @CsvSource({"1,1", "5,5", "' 3 ',3", "4점,4", "2/5,2", "5 stars,5", "1 star,1", "５,5", "★★★,3", "⭐⭐⭐⭐⭐,5", "4.,4"})
    void readsRatings(String text, int score) {
        assertThat(CsatAnswers.parse(text)).hasValue(score);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "10", "45", "좋아요", "4 is ok I guess", "★★★★★★", "", "  "})
    void ignoresEverythingElse(String text) {
        assertThat(CsatAnswers.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void nullIsNotAnAnswer() {
        assertThat(CsatAnswers.parse(null)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theQuestionFollowsTheCustomersLanguage() {
        assertThat(CsatQuestions.question("ko-KR")).contains("1점").contains("5점");
        assertThat(CsatQuestions.question("ko")).isEqualTo(CsatQuestions.question("ko_KR"));
        assertThat(CsatQuestions.question("en-US")).startsWith("How satisfied");
        assertThat(CsatQuestions.question(null)).isEqualTo(CsatQuestions.question("en"));
    }
}
