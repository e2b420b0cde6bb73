package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supportflow.nlu.TestModels;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IntentModelTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "배송현황좀알려주세요 | order_status",
        "배송 현황 좀 알려주세요 | order_status",
        "주문 취소하고 싶어요 | order_cancel",
        "환불 언제 들어오나요? | refund_request",
        "상담원 연결해 주세요 | human_agent",
        "안녕하세요 | greeting",
        "감사합니다 | thanks_goodbye",
        "where is my order? | order_status",
        "I want to cancel my order | order_cancel",
        "can I talk to a real person please | human_agent",
        "what payment methods do you accept? | payment_methods",
        "hello there | greeting",
    })
    void classifiesTypicalMessages(String text, String intent) {
        IntentPrediction p = TestModels.shared().classify(text, 5);
        assertThat(p.intent()).isEqualTo(intent);
        assertThat(p.refused()).isFalse();
    }

    @Test
    void rankingIsSortedCalibratedAndCarriesTheMargin() {
        IntentModel model = TestModels.shared();
        IntentPrediction p = model.classify("주문한 물건이 아직 안 왔어요 언제 와요?", 5);
        assertThat(p.ranking()).hasSize(5);
        for (int i = 1; i < p.ranking().size(); i++) {
            assertThat(p.ranking().get(i - 1).confidence()).isGreaterThanOrEqualTo(p.ranking().get(i).confidence());
        }
        assertThat(p.confidence()).isEqualTo(p.ranking().get(0).confidence());
        assertThat(p.margin()).isCloseTo(p.ranking().get(0).confidence() - p.ranking().get(1).confidence(),
                within(1e-12));
        double[] all = model.probabilities("주문한 물건이 아직 안 왔어요 언제 와요?");
        assertThat(Arrays.stream(all).sum()).isCloseTo(1.0, within(1e-6));
        assertThat(p.modelVersion()).isEqualTo(model.version());
    }

    @Test
    void theTopIndicesAreThoseOfAStableDescendingSortTiesInIndexOrder() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 500; round++) {
            double[] p = new double[1 + random.nextInt(30)];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextInt(4) == 0 ? 0.25 : random.nextInt(8) / 8.0; // many ties
            }
            Integer[] sorted = new Integer[p.length];
            for (int i = 0; i < p.length; i++) {
                sorted[i] = i;
            }
            Arrays.sort(sorted, java.util.Comparator.comparingDouble((Integer i) -> p[i]).reversed());
            int k = 1 + random.nextInt(p.length);
            assertThat(IntentModel.top(p, k)).containsExactly(
                    Arrays.stream(sorted).limit(k).mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void everyIntentOfTheShopBundleIsKnownToTheModel() {
        org.supportflow.nlu.domain.DomainBundle shop = TestModels.shopBundle();
        assertThat(TestModels.shared().intents()).containsExactlyInAnyOrderElementsOf(shop.intentNames());
        assertThat(TestModels.shared().intents()).containsAll(
                Arrays.stream(org.supportflow.contracts.taxonomy.Intent.values())
                        .map(org.supportflow.contracts.taxonomy.Intent::wireName).toList());
    }

    @Test
    void calibrationWasFittedOnTrainingDataOnly() {
        IntentModel.ModelInfo info = TestModels.shared().info();
        assertThat(info.temperature()).isBetween(0.2, 5.0);
        assertThat(info.oosThreshold()).isBetween(0.0, 1.0);
        assertThat(Integer.parseInt(info.metadata().get("calibration.examples"))).isPositive();
    }
}
