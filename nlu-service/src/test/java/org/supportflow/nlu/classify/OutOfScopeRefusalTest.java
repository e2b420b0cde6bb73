package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OutOfScopeRefusalTest {

    /** Two intents along the first two axes, out-of-scope messages along the other six. */
    private static final List<String> OUTCOMES = List.of("order_status", "refund_request", IntentPrediction.OUT_OF_SCOPE);
    private static final int DIMENSION = 8;
    private static final int OOS = 2;

    private final Random random = new Random(5);

    @Test
    void refusesAMessageFarFromEveryIntentThatTheProbabilitiesAloneWouldAnswer() {
        OutOfScopeRefusal.References references = references(60);
        OutOfScopeRefusal refusal = OutOfScopeRefusal.fit(slice(references, 200, 40), references, OOS,
                OutOfScopeRefusal.IN_SCOPE_LOSS, 7, new HashMap<>());
        assertThat(refusal).isNotNull();

        // The same confident probabilities for both: only where the embedding lies tells them apart.
        double[] confident = {0.9, 0.08, 0.02};
        float[] nearAnIntent = around(0, 0.05);
        float[] farFromAll = around(5, 0.05);

        assertThat(refusal.refuses(confident, confident, confident, nearAnIntent)).isFalse();
        assertThat(refusal.refuses(confident, confident, confident, farFromAll)).isTrue();
    }

    @Test
    void aSliceWithTooFewOutOfScopeMessagesGivesNoRefusal() {
        OutOfScopeRefusal.References references = references(60);
        Map<String, String> meta = new HashMap<>();

        assertThat(OutOfScopeRefusal.fit(slice(references, 200, OutOfScopeRefusal.MIN_OUT_OF_SCOPE - 1), references, OOS,
                OutOfScopeRefusal.IN_SCOPE_LOSS, 7, meta)).isNull();
        assertThat(meta.get("refusal")).startsWith("none");
    }

    @Test
    void noRefusalWithoutOutOfScopeReferences() {
        List<float[]> embeddings = List.of(around(0, 0.1), around(1, 0.1));
        assertThat(OutOfScopeRefusal.References.of(embeddings, List.of("order_status", "refund_request"), OUTCOMES))
                .isNull();
    }

    @Test
    void aWrittenRefusalReadsBackWithTheSameScores(@TempDir Path dir) throws Exception {
        OutOfScopeRefusal.References references = references(60);
        OutOfScopeRefusal refusal = OutOfScopeRefusal.fit(slice(references, 200, 40), references, OOS,
                OutOfScopeRefusal.IN_SCOPE_LOSS, 7, new HashMap<>());
        Path file = dir.resolve("refusal.bin");

        refusal.write(file);
        OutOfScopeRefusal read = OutOfScopeRefusal.read(file);

        assertThat(read.threshold()).isEqualTo(refusal.threshold());
        // the references are normalised again when read: equal to float precision, not bit for bit
        double[] p = {0.5, 0.3, 0.2};
        for (int axis = 0; axis < DIMENSION; axis++) {
            float[] e = around(axis, 0.3);
            assertThat(read.outOfScope(p, p, p, e)).isCloseTo(refusal.outOfScope(p, p, p, e), within(1e-6));
        }
    }

    @Test
    void marginAndEntropyOfADistribution() {
        assertThat(OutOfScopeRefusal.margin(new double[]{0.2, 0.7, 0.1})).isCloseTo(0.5, within(1e-12));
        assertThat(OutOfScopeRefusal.entropy(new double[]{0.5, 0.5, 0})).isCloseTo(Math.log(2), within(1e-12));
        assertThat(OutOfScopeRefusal.argmax(new double[]{0.2, 0.7, 0.1}, 1)).isZero();
    }

    /** {@code perIntent} examples of each intent and as many out-of-scope ones. */
    private OutOfScopeRefusal.References references(int perIntent) {
        List<float[]> embeddings = new ArrayList<>();
        List<String> intents = new ArrayList<>();
        for (int i = 0; i < perIntent; i++) {
            embeddings.add(around(0, 0.2));
            intents.add("order_status");
            embeddings.add(around(1, 0.2));
            intents.add("refund_request");
            embeddings.add(around(2 + i % 6, 0.2));
            intents.add(IntentPrediction.OUT_OF_SCOPE);
        }
        return OutOfScopeRefusal.References.of(embeddings, intents, OUTCOMES);
    }

    /**
     * A calibration slice whose out-of-scope messages come with probabilities as confident as the in-scope ones':
     * only the embedding signals can learn the difference.
     */
    private List<OutOfScopeRefusal.SliceMessage> slice(OutOfScopeRefusal.References references, int inScope,
                                                       int outOfScope) {
        List<OutOfScopeRefusal.SliceMessage> slice = new ArrayList<>();
        for (int i = 0; i < inScope + outOfScope; i++) {
            boolean oos = i >= inScope;
            float[] e = oos ? around(2 + i % 6, 0.2) : around(i % 2, 0.2);
            double top = 0.6 + 0.35 * random.nextDouble();
            double[] p = i % 2 == 0 ? new double[]{top, 1 - top - 0.01, 0.01} : new double[]{1 - top - 0.01, top, 0.01};
            slice.add(new OutOfScopeRefusal.SliceMessage(OutOfScopeRefusal.signals(p, p, p, e, OOS, references), oos,
                    !oos, true));
        }
        return slice;
    }

    /** A unit axis with Gaussian noise of the given spread on every coordinate. */
    private float[] around(int axis, double spread) {
        float[] v = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
            v[j] = (float) (random.nextGaussian() * spread);
        }
        v[axis] += 1;
        return v;
    }
}
