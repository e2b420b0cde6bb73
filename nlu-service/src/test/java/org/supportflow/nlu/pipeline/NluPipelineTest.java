package org.supportflow.nlu.pipeline;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.NluResult;
import org.supportflow.contracts.taxonomy.SentimentLabel;
import org.supportflow.contracts.taxonomy.Urgency;
import org.supportflow.nlu.TestModels;
import org.supportflow.nlu.entities.EntityExtractor;
import org.supportflow.nlu.kb.KnowledgeBase;
import org.supportflow.nlu.kb.KnowledgeBaseLoader;
import org.supportflow.nlu.language.LanguageDetector;
import org.supportflow.contracts.privacy.PiiMasker;
import org.supportflow.nlu.sentiment.SentimentAnalyzer;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NluPipelineTest {

    private static NluPipeline pipeline;

    @BeforeAll
    static void setUp() throws IOException {
        PiiMasker masker = new PiiMasker();
        KnowledgeBase kb = new KnowledgeBaseLoader().loadClasspath();
        pipeline = new NluPipeline(LanguageDetector.fromClasspath("ko"), TestModels::shared, new SentimentAnalyzer(),
                new EntityExtractor(masker), masker, () -> kb, 5);
    }

    @Test
    void koreanMessageEndToEnd() {
        NluResult r = pipeline.analyze("주문번호 2024112312345 배송 언제 와요? 연락처는 010-1234-5678 입니다", null);
        assertThat(r.language()).isEqualTo("ko");
        assertThat(r.intent()).isEqualTo("order_status");
        assertThat(r.maskedText()).contains("[PHONE]").doesNotContain("010-1234-5678");
        assertThat(r.entities()).extracting(NluResult.Entity::type, NluResult.Entity::value)
                .containsExactly(tuple("order_number", "2024112312345"), tuple("phone", "[PHONE]"));
        assertThat(r.answer()).isNotNull();
        assertThat(r.answer().answerId()).startsWith("order_status.");
        assertThat(r.answer().text()).matches(".*[가-힣].*");
        assertThat(r.modelVersion()).isEqualTo(TestModels.shared().version());
        assertThat(r.ranking()).hasSize(5);
    }

    @Test
    void fullWidthAndHangulSpelledNumbersAreMaskedWhileTheOrderNumberStaysAnEntity() {
        NluResult r = pipeline.analyze("주문번호 ２０２４１１２３１２３４５ 배송 언제 와요? 연락처 ０１０－７３９１－２８５０ 또는 공일공 칠삼구일 이팔오공",
                null);
        assertThat(r.maskedText()).isEqualTo("주문번호 2024112312345 배송 언제 와요? 연락처 [PHONE] 또는 [PHONE]");
        assertThat(r.entities()).extracting(NluResult.Entity::type, NluResult.Entity::value)
                .containsExactly(tuple("order_number", "2024112312345"), tuple("phone", "[PHONE]"),
                        tuple("phone", "[PHONE]"));
    }

    @Test
    void englishComplaintCarriesSentimentUrgencyAndTheHandoffMessage() {
        NluResult r = pipeline.analyze("This is unacceptable, I am furious. I want to speak to a manager right now!", null);
        assertThat(r.language()).isEqualTo("en");
        assertThat(r.sentiment()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(r.sentimentScore()).isLessThan(-0.5);
        assertThat(r.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(r.intent()).isIn("complaint", "human_agent");
        assertThat(r.answer()).isNotNull();
        assertThat(r.answer().text()).doesNotContainPattern("[가-힣]");
    }

    @Test
    void theLanguageHintWins() {
        assertThat(pipeline.analyze("ok", "ko").language()).isEqualTo("ko");
        assertThat(pipeline.analyze("ok", "xx").language()).isEqualTo("en");
    }

    @Test
    void personalDataNeverReachesTheResult() {
        NluResult r = pipeline.analyze("카드 4111-1111-1111-1111 결제가 두 번 됐어요, 메일 kim@example.com, "
                + "주민번호 900101-1234567, 환불 계좌 110-123-456789", null);
        String everything = r.toString();
        assertThat(everything).doesNotContain("4111-1111-1111-1111", "kim@example.com", "900101-1234567",
                "110-123-456789");
        assertThat(r.maskedText()).contains("[CARD]", "[EMAIL]", "[RRN]", "[ACCOUNT]");
    }
}
