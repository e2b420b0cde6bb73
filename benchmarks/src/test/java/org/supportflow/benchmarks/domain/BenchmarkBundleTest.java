package org.supportflow.benchmarks.domain;

import org.junit.jupiter.api.Test;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.domain.BundleFiles;
import org.supportflow.nlu.domain.BundleLoader;
import org.supportflow.nlu.domain.DomainBundle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkBundleTest {

    private static List<LabeledText> examples(String label, int count, String prefix) {
        List<LabeledText> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new LabeledText(label, prefix + " example\tnumber " + i + "  "));
        }
        return out;
    }

    private static BundleLoader.Result validate(Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return new BundleLoader().load(new BundleFiles(bytes, "test"));
    }

    @Test
    void theBundlePassesThePlatformsOwnValidation() {
        List<LabeledText> train = new ArrayList<>(examples("card_arrival", 30, "where is my card"));
        train.addAll(examples("Refund_not_showing_up", 30, "refund missing"));
        train.addAll(examples("1st_payment", 30, "first payment"));
        List<LabeledText> test = new ArrayList<>(examples("card_arrival", 3, "card still not here"));
        test.addAll(examples("Refund_not_showing_up", 3, "no refund yet"));
        test.addAll(examples("1st_payment", 3, "my first payment"));

        BundleLoader.Result result = validate(BenchmarkBundle.build("banking77", train, test, 10, 1, true));

        assertThat(result.errors()).isEmpty();
        DomainBundle bundle = result.bundle();
        assertThat(bundle.intentNames()).containsExactlyInAnyOrder("card_arrival", "refund_not_showing_up",
                "i_1st_payment", "human_agent", "out_of_scope");
        assertThat(bundle.heldoutByLanguage().get("en")).hasSize(9)
                .allSatisfy(e -> assertThat(e.text()).doesNotContain("\t").isEqualTo(e.text().strip()));
    }

    @Test
    void shotsDrawThatManyExamplesPerIntentReproduciblyBySeed() {
        List<LabeledText> train = new ArrayList<>(examples("a", 40, "alpha"));
        train.addAll(examples("b", 40, "beta"));
        List<LabeledText> test = new ArrayList<>(examples("a", 2, "alpha test"));
        test.addAll(examples("b", 2, "beta test"));

        Map<String, String> first = BenchmarkBundle.build("x", train, test, 5, 7, false);
        Map<String, String> again = BenchmarkBundle.build("x", train, test, 5, 7, false);
        Map<String, String> other = BenchmarkBundle.build("x", train, test, 5, 8, false);

        String trainFile = first.get("train-en.tsv");
        assertThat(trainFile.lines().filter(l -> l.startsWith("a\t"))).hasSize(5);
        assertThat(trainFile.lines().filter(l -> l.startsWith("b\t"))).hasSize(5);
        assertThat(trainFile.lines().filter(l -> l.startsWith("out_of_scope\t")))
                .hasSize(BenchmarkBundle.OUT_OF_SCOPE_ANY.size());
        assertThat(again.get("train-en.tsv")).isEqualTo(trainFile);
        assertThat(other.get("train-en.tsv")).isNotEqualTo(trainFile);
        assertThat(BenchmarkBundle.build("x", train, test, 0, 7, false).get("train-en.tsv")
                .lines().filter(l -> l.startsWith("a\t"))).hasSize(40);
    }
}
