package org.supportflow.nlu.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the cascade hands English messages to the encoder ({@code encodeBelow}), chosen per model on the
 * calibration slice. The configured value is the floor: the cheapest point, enough where the lexical stage is
 * strong (the shipped shop domain). A bundle whose lexical stage is weaker (ten examples per intent, or 77
 * intents of fine banking distinctions) gains accuracy by encoding more; the point moves up only as far as the
 * slice shows a gain larger than {@link #TOLERANCE}, so that CPU is spent where it buys accuracy. The test split
 * is never seen here.
 */
public final class OperatingPoint {

    /** Candidates above the configured floor; 1.01 encodes every English message. */
    static final double[] CANDIDATES = {0.8, 0.9, 1.01};

    /** A point must beat the cheaper ones by more than this share of the slice to be worth its CPU. */
    static final double TOLERANCE = 0.0025;

    private OperatingPoint() {
    }

    /**
     * The cheapest {@code encodeBelow}, from {@code floor} up, whose accuracy on the slice (refusals counted) is
     * within {@link #TOLERANCE} of the best candidate's.
     *
     * @param lexical          the lexical stage's calibrated probabilities per slice example
     * @param lexicalThreshold its refusal threshold
     * @param fused            the fused probabilities per slice example, {@code null} where the encoder does not
     *                         apply (text that is not English)
     * @param fusedThreshold   the encoder stage's refusal threshold
     * @param meta             receives the choice and each candidate's slice accuracy
     */
    public static double choose(double floor, List<double[]> lexical, double lexicalThreshold, List<double[]> fused,
                         double fusedThreshold, List<String> gold, List<String> outcomes, Map<String, String> meta) {
        double[] points = candidates(floor);
        double[] accuracy = new double[points.length];
        double best = 0;
        StringBuilder tried = new StringBuilder();
        for (int c = 0; c < points.length; c++) {
            int correct = 0;
            for (int i = 0; i < gold.size(); i++) {
                double[] l = lexical.get(i);
                boolean encode = fused.get(i) != null && IntentModel.max(l) < points[c];
                correct += correct(encode ? fused.get(i) : l, encode ? fusedThreshold : lexicalThreshold, gold.get(i),
                        outcomes) ? 1 : 0;
            }
            accuracy[c] = gold.isEmpty() ? 0 : correct / (double) gold.size();
            best = Math.max(best, accuracy[c]);
            tried.append(tried.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%s=%.4f", points[c], accuracy[c]));
        }
        double chosen = points[points.length - 1];
        for (int c = 0; c < points.length; c++) {
            if (accuracy[c] >= best - TOLERANCE) {
                chosen = points[c];
                break;
            }
        }
        meta.put("calibration.encodeBelow", Double.toString(chosen));
        meta.put("calibration.encodeBelowAccuracy", tried.toString());
        return chosen;
    }

    private static double[] candidates(double floor) {
        double[] above = Arrays.stream(CANDIDATES).filter(t -> t > floor).toArray();
        double[] points = new double[above.length + 1];
        points[0] = floor;
        System.arraycopy(above, 0, points, 1, above.length);
        return points;
    }

    /** As the model decides: the best outcome, or {@code out_of_scope} when it is below the threshold. */
    private static boolean correct(double[] p, double threshold, String gold, List<String> outcomes) {
        int best = IntentModel.argmax(p);
        String answer = p[best] < threshold ? IntentPrediction.OUT_OF_SCOPE : outcomes.get(best);
        return answer.equals(gold);
    }
}
