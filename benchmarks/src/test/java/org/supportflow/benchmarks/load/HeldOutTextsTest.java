package org.supportflow.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeldOutTextsTest {

    /** The project's own held-out sets, read where load.sh reads them (tests run in the module's directory). */
    private static final Path SHOP = Path.of("../nlu-service/src/main/resources/domains/shop");

    @Test
    void requestsForAPersonAreKeptApartAndCommentsSkipped() {
        HeldOutTexts texts = HeldOutTexts.parse(List.of("# header", "", "order_status\tWhere is my order?",
                "human_agent\tA person, please", "greeting\t hello "));

        assertThat(texts.everyday()).containsExactly("Where is my order?", "hello");
        assertThat(texts.handoff()).containsExactly("A person, please");
    }

    @Test
    void refusesLinesWithoutIntentAndText() {
        assertThatThrownBy(() -> HeldOutTexts.parse(List.of("just text"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeldOutTexts.parse(List.of("order_status\tok"))).hasMessageContaining("person");
    }

    @Test
    void readsTheShopHeldOutSetsOfBothLanguages() {
        HeldOutTexts korean = HeldOutTexts.read(SHOP.resolve("heldout-ko.tsv"));
        HeldOutTexts english = HeldOutTexts.read(SHOP.resolve("heldout-en.tsv"));

        assertThat(korean.everyday()).hasSizeGreaterThan(500).anyMatch(text -> text.matches(".*[가-힣].*"));
        assertThat(korean.handoff()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(english.everyday()).hasSizeGreaterThan(500).noneMatch(text -> text.matches(".*[가-힣].*"));
        assertThat(english.handoff()).hasSizeGreaterThanOrEqualTo(20);
    }
}
