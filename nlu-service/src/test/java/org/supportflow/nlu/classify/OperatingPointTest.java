package org.supportflow.nlu.classify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OperatingPointTest {

    private static final List<String> OUTCOMES = List.of("refund", "track", IntentPrediction.OUT_OF_SCOPE);

    /** A slice: every example's lexical and fused probabilities and its gold intent. */
    private final List<double[]> lexical = new ArrayList<>();
    private final List<double[]> fused = new ArrayList<>();
    private final List<String> gold = new ArrayList<>();
    private final Map<String, String> meta = new HashMap<>();

    private void add(int copies, double[] lexicalP, double[] fusedP, String intent) {
        for (int i = 0; i < copies; i++) {
            lexical.add(lexicalP);
            fused.add(fusedP);
            gold.add(intent);
        }
    }

    private double choose() {
        return OperatingPoint.choose(0.7, lexical, 0.3, fused, 0.3, gold, OUTCOMES, meta);
    }

    @Test
    void aStrongLexicalStageKeepsTheCheapestPoint() {
        add(50, new double[]{0.95, 0.04, 0.01}, new double[]{0.9, 0.05, 0.05}, "refund");
        add(50, new double[]{0.10, 0.85, 0.05}, new double[]{0.1, 0.8, 0.1}, "track");
        assertThat(choose()).isEqualTo(0.7);
        assertThat(meta).containsEntry("calibration.encodeBelow", "0.7");
    }

    @Test
    void thePointRisesAsFarAsTheEncoderFixesUnsureMistakes() {
        add(80, new double[]{0.95, 0.04, 0.01}, new double[]{0.9, 0.05, 0.05}, "refund");
        // the lexical stage is 0.85 sure and wrong; the fused probabilities are right: worth encoding below 0.9
        add(20, new double[]{0.85, 0.10, 0.05}, new double[]{0.2, 0.75, 0.05}, "track");
        assertThat(choose()).isEqualTo(0.9);
        assertThat(meta.get("calibration.encodeBelowAccuracy")).contains("0.7=0.8000").contains("0.9=1.0000");
    }

    @Test
    void textTheEncoderDoesNotReadNeverMovesThePoint() {
        add(80, new double[]{0.95, 0.04, 0.01}, new double[]{0.9, 0.05, 0.05}, "refund");
        add(20, new double[]{0.85, 0.10, 0.05}, null, "track"); // Korean: no fused reading
        assertThat(choose()).isEqualTo(0.7);
    }

    @Test
    void aGainWithinTheToleranceIsNotWorthTheCpu() {
        add(998, new double[]{0.95, 0.04, 0.01}, new double[]{0.9, 0.05, 0.05}, "refund");
        add(2, new double[]{0.85, 0.10, 0.05}, new double[]{0.2, 0.75, 0.05}, "track"); // 0.2% of the slice
        assertThat(choose()).isEqualTo(0.7);
    }

    @Test
    void refusalsCountAsTheModelDecides() {
        // unsure lexical answers to out-of-scope questions: encoded, the fused reading falls below its threshold
        add(50, new double[]{0.95, 0.04, 0.01}, new double[]{0.9, 0.05, 0.05}, "refund");
        add(50, new double[]{0.75, 0.20, 0.05}, new double[]{0.25, 0.25, 0.5}, IntentPrediction.OUT_OF_SCOPE);
        assertThat(choose()).isEqualTo(0.8);
    }
}
