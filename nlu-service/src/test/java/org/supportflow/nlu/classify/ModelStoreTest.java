package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportflow.nlu.TestModels;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelStoreTest {

    static IntentModel tinyModel(String version) {
        return new IntentTrainer(TestModels.morphemes()).train(TrainingData.fromClasspath("fixtures/tiny-train.tsv"),
                TestModels.PRODUCTION.withCalibration(false), version, Map.of("createdAt", version));
    }

    @Test
    void savedModelLoadsBackWithIdenticalPredictions(@TempDir Path dir) {
        IntentModel model = tinyModel("v1");
        ModelStore store = new ModelStore(dir);
        store.save(model);
        IntentModel loaded = store.load("v1", TestModels.morphemes());
        for (String text : new String[]{"where is my parcel", "주문 취소", "hello", "weather"}) {
            double[] expected = model.probabilities(text);
            double[] actual = loaded.probabilities(text);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[loaded.intents().indexOf(model.intents().get(i))]).isCloseTo(expected[i],
                        within(1e-6));
            }
        }
        assertThat(loaded.info()).isEqualTo(model.info());
    }

    @Test
    void activationListingAndPruningKeepTheActiveVersion(@TempDir Path dir) {
        ModelStore store = new ModelStore(dir);
        assertThat(store.current()).isEmpty();
        store.save(tinyModel("2026-a"));
        store.save(tinyModel("2026-b"));
        store.save(tinyModel("2026-c"));
        store.activate("2026-a");
        assertThat(store.current()).contains("2026-a");
        assertThat(store.list()).extracting(IntentModel.ModelInfo::version).containsExactly("2026-c", "2026-b", "2026-a");
        store.prune(1);
        assertThat(store.list()).extracting(IntentModel.ModelInfo::version).containsExactlyInAnyOrder("2026-c", "2026-a");
        assertThat(new ModelStore(dir).current()).as("survives a restart").contains("2026-a");
    }

    @Test
    void unknownOrMaliciousVersionsAreRejected(@TempDir Path dir) {
        ModelStore store = new ModelStore(dir);
        assertThatThrownBy(() -> store.load("nope", TestModels.morphemes())).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> store.activate("../../etc")).isInstanceOf(ModelNotFoundException.class);
        assertThat(ModelStore.isValidVersion("../x")).isFalse();
    }
}
