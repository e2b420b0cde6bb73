package org.supportflow.nlu.classify;

import java.util.Arrays;
import java.util.List;

/** Choice of the out-of-scope threshold on calibration data (never on the evaluation split). */
public final class Calibration {

    private Calibration() {
    }

    /**
     * The threshold on the best in-scope probability that maximises accuracy when every message below it
     * is answered {@code out_of_scope}. With no out-of-scope examples this is 0 (never refuse).
     *
     * @param probabilities calibrated probabilities per message, indexed like {@code outcomes}
     * @param gold          the true intent per message ({@code out_of_scope} for refusals)
     */
    public static double bestThreshold(List<double[]> probabilities, List<String> gold, List<String> outcomes) {
        int oos = outcomes.indexOf(IntentPrediction.OUT_OF_SCOPE);
        int n = probabilities.size();
        double[] top = new double[n];
        boolean[] correctIfAnswered = new boolean[n];
        boolean[] correctIfRefused = new boolean[n];
        boolean[] alwaysOos = new boolean[n];
        for (int i = 0; i < n; i++) {
            double[] p = probabilities.get(i);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            top[i] = p[best];
            alwaysOos[i] = best == oos;
            correctIfAnswered[i] = outcomes.get(best).equals(gold.get(i));
            correctIfRefused[i] = IntentPrediction.OUT_OF_SCOPE.equals(gold.get(i));
        }
        double[] candidates = Arrays.stream(top).distinct().sorted().toArray();
        double bestThreshold = 0.0;
        int bestCorrect = count(top, correctIfAnswered, correctIfRefused, alwaysOos, 0.0);
        for (double c : candidates) {
            // refuse strictly below the midpoint just above c: place the threshold above c
            double t = Math.nextUp(c);
            int correct = count(top, correctIfAnswered, correctIfRefused, alwaysOos, t);
            if (correct > bestCorrect) {
                bestCorrect = correct;
                bestThreshold = t;
            }
        }
        return bestThreshold;
    }

    private static int count(double[] top, boolean[] answered, boolean[] refused, boolean[] alwaysOos, double t) {
        int correct = 0;
        for (int i = 0; i < top.length; i++) {
            boolean refuse = !alwaysOos[i] && top[i] < t;
            if (refuse ? refused[i] : answered[i]) {
                correct++;
            }
        }
        return correct;
    }
}
