package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;
import org.supportflow.nlu.TestModels;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureExtractorTest {

    private final FeatureExtractor extractor = new FeatureExtractor(FeatureSet.parse("w2,c2-5,s2-4,m,e"),
            TestModels.morphemes());

    @Test
    void spacelessFeaturesAreTheSameWhateverTheSpacing() {
        Set<String> spaced = prefixed(extractor.extract("배송 현황 좀 알려주세요"), "s:");
        Set<String> unspaced = prefixed(extractor.extract("배송현황좀알려주세요"), "s:");
        assertThat(unspaced).isEqualTo(spaced).contains("s:송현", "s:배송현황");
    }

    @Test
    void koreanTextGetsNoriMorphemesAndEnglishGetsStems() {
        assertThat(extractor.extract("배송현황좀알려주세요").keySet()).contains("m:배송", "m:현황");
        assertThat(extractor.extract("Shipping was delayed").keySet()).contains("e:ship", "e:delay", "w:shipping");
        assertThat(extractor.extract("Shipping was delayed").keySet()).noneMatch(f -> f.startsWith("m:"));
    }

    @Test
    void wordAndCharacterFeaturesWithBoundaries() {
        Map<String, Integer> f = extractor.extract("Cancel my ORDER");
        assertThat(f).containsKeys("w:cancel", "w:my", "w:order", "w2:cancel my", "w2:my order", "c:<ca", "c:er>");
    }

    @Test
    void digitRunsGeneraliseAndEmojiAreTokens() {
        assertThat(FeatureExtractor.tokens("주문번호 2024112312345 언제 와요 😡"))
                .containsExactly("주문번호", "0", "언제", "와요", "😡");
        assertThat(FeatureExtractor.tokens("don't ord123")).containsExactly("dont", "ord", "0");
    }

    @Test
    void featureSetDescriptionRoundTrips() {
        FeatureSet set = FeatureSet.parse("w2,c2-5,s2-4,m,e");
        assertThat(FeatureSet.parse(set.describe())).isEqualTo(set);
        assertThat(set.describe()).isEqualTo("w2,c2-5,s2-4,m,e");
    }

    private static Set<String> prefixed(Map<String, Integer> features, String prefix) {
        return features.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toSet());
    }
}
