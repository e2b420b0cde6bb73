package org.supportflow.nlu.classify;

import java.util.Arrays;
import java.util.List;

/** Choice of the out-of-scope threshold on calibration data (never on the evaluation split). */
public final class Calibration {

    private Calibration() {
    }

    /**
     * How the refusal threshold is chosen on calibration data.
     *
     * @param maxInScopeLoss negative: maximise overall accuracy ({@link #bestThreshold}); otherwise refuse as
     *                       many out-of-scope messages as possible while in-scope accuracy stays within this
     *                       of its value without refusals ({@link #thresholdWithinLoss})
     */
    public record Rule(double maxInScopeLoss) {
        public static final Rule ACCURACY = new Rule(-1);

        public static Rule withinLoss(double loss) {
            return new Rule(loss);
        }

        public double choose(List<double[]> probabilities, List<String> gold, List<String> outcomes) {
            return maxInScopeLoss < 0 ? bestThreshold(probabilities, gold, outcomes)
                    : thresholdWithinLoss(probabilities, gold, outcomes, maxInScopeLoss);
        }

        public String describe() {
            return maxInScopeLoss < 0 ? "accuracy" : "in-scope-loss<=" + maxInScopeLoss;
        }
    }

    /**
     * The highest threshold whose in-scope accuracy (refusals of in-scope messages count as wrong) is at
     * least the accuracy without refusals minus {@code maxLoss}: the most out-of-scope recall that costs
     * no more than that. 0 without out-of-scope examples.
     */
    public static double thresholdWithinLoss(List<double[]> probabilities, List<String> gold, List<String> outcomes,
                                             double maxLoss) {
        if (!gold.contains(IntentPrediction.OUT_OF_SCOPE)) {
            return 0.0;
        }
        int oos = outcomes.indexOf(IntentPrediction.OUT_OF_SCOPE);
        int n = probabilities.size();
        int inScope = 0;
        int correctNoRefusal = 0;
        double[] top = new double[n];
        boolean[] rightIn = new boolean[n];
        boolean[] isIn = new boolean[n];
        for (int i = 0; i < n; i++) {
            double[] p = probabilities.get(i);
            int best = IntentModel.argmax(p);
            top[i] = best == oos ? Double.POSITIVE_INFINITY : p[best];
            isIn[i] = !IntentPrediction.OUT_OF_SCOPE.equals(gold.get(i));
            rightIn[i] = isIn[i] && outcomes.get(best).equals(gold.get(i));
            if (isIn[i]) {
                inScope++;
                if (rightIn[i]) {
                    correctNoRefusal++;
                }
            }
        }
        if (inScope == 0) {
            return 0.0;
        }
        double floor = (double) correctNoRefusal / inScope - maxLoss;
        double[] candidates = Arrays.stream(top).filter(Double::isFinite).distinct().sorted().toArray();
        double chosen = 0.0;
        for (double c : candidates) {
            double t = Math.nextUp(c);
            int correct = 0;
            for (int i = 0; i < n; i++) {
                if (rightIn[i] && top[i] >= t) {
                    correct++;
                }
            }
            if ((double) correct / inScope >= floor) {
                chosen = t;
            } else {
                break;
            }
        }
        return chosen;
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
            int best = IntentModel.argmax(p);
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
