package org.supportflow.nlu.classify;

/**
 * How an intent model is trained.
 *
 * @param features            the feature set; a dense part ({@code d}) adds the encoder stage of the cascade
 * @param minDf               a feature must occur in at least this many training messages
 * @param l2Cost              L2 regularisation of OpenNLP's L-BFGS maxent trainer (lexical stage)
 * @param iterations          maximum L-BFGS iterations
 * @param calibrate           fit the temperatures, the fusion weight and the out-of-scope thresholds on a
 *                            stratified slice of the training data (then retrain on all of it)
 * @param calibrationFraction share of each intent's examples held back for calibration
 * @param seed                seed of the calibration split
 * @param threads             trainer threads
 * @param algorithm           OpenNLP trainer: {@code MAXENT_QN} (L-BFGS, the production choice), {@code MAXENT}
 *                            (GIS), {@code PERCEPTRON} or {@code NAIVEBAYES}; the latter three for comparison
 * @param cascade             the encoder stage's training and the cascade's operating point
 */
public record TrainerConfig(FeatureSet features, int minDf, double l2Cost, int iterations, boolean calibrate,
                            double calibrationFraction, long seed, int threads, String algorithm,
                            CascadeConfig cascade) {

    /**
     * The encoder stage.
     *
     * @param iterations   L-BFGS iterations at most for each {@link DenseSoftmax} fit (it stops earlier once converged)
     * @param l2           its L2 strength, or {@link #CHOOSE_L2}: the strength among {@link DenseSoftmax#l2Candidates()}
     *                     that does best on the calibration slice (the stratified {@code calibrationFraction} of the
     *                     training data, drawn with {@code seed}), then refitted on all the data
     * @param fusionWeight α of the fusion when calibration is off (with calibration it is chosen on the held slice)
     * @param encodeBelow  the lexical stage's best calibrated probability below which English text is encoded; with
     *                     calibration, the floor: the calibration slice may raise it ({@link OperatingPoint})
     * @param refusal      how the refusal threshold is chosen on calibration data
     */
    public record CascadeConfig(int iterations, double l2, double fusionWeight, double encodeBelow,
                                Calibration.Rule refusal) {
        /** {@code l2} value that asks for the strength to be chosen on the calibration slice. */
        public static final double CHOOSE_L2 = -1;

        /** The measured configuration (BENCHMARKS.md, "NLU"). */
        public static final CascadeConfig DEFAULT = new CascadeConfig(300, CHOOSE_L2, 0.5, 0.7,
                Calibration.Rule.ACCURACY);

        public boolean choosesL2() {
            return l2 < 0;
        }

        public CascadeConfig withEncodeBelow(double t) {
            return new CascadeConfig(iterations, l2, fusionWeight, t, refusal);
        }

        public CascadeConfig withFusionWeight(double a) {
            return new CascadeConfig(iterations, l2, a, encodeBelow, refusal);
        }

        public CascadeConfig withIterations(int n) {
            return new CascadeConfig(n, l2, fusionWeight, encodeBelow, refusal);
        }

        public CascadeConfig withL2(double x) {
            return new CascadeConfig(iterations, x, fusionWeight, encodeBelow, refusal);
        }
    }

    /** The production configuration (chosen by measurement, see the README). */
    public static final TrainerConfig DEFAULT =
            new TrainerConfig(FeatureSet.DEFAULT, 1, 0.01, 300, true, 0.2, 42L, 1, "MAXENT_QN", CascadeConfig.DEFAULT);

    /** The production configuration with the settings a deployment may change. */
    public static TrainerConfig of(String features, double l2Cost, int iterations, int threads) {
        return new TrainerConfig(FeatureSet.parse(features), DEFAULT.minDf(), l2Cost, iterations, true,
                DEFAULT.calibrationFraction(), DEFAULT.seed(), threads, DEFAULT.algorithm(), DEFAULT.cascade());
    }

    public TrainerConfig withFeatures(FeatureSet f) {
        return new TrainerConfig(f, minDf, l2Cost, iterations, calibrate, calibrationFraction, seed, threads, algorithm,
                cascade);
    }

    public TrainerConfig withL2(double l2) {
        return new TrainerConfig(features, minDf, l2, iterations, calibrate, calibrationFraction, seed, threads, algorithm,
                cascade);
    }

    public TrainerConfig withMinDf(int df) {
        return new TrainerConfig(features, df, l2Cost, iterations, calibrate, calibrationFraction, seed, threads, algorithm,
                cascade);
    }

    public TrainerConfig withCalibration(boolean on) {
        return new TrainerConfig(features, minDf, l2Cost, iterations, on, calibrationFraction, seed, threads, algorithm,
                cascade);
    }

    public TrainerConfig withAlgorithm(String name) {
        return new TrainerConfig(features, minDf, l2Cost, iterations, calibrate, calibrationFraction, seed, threads,
                name, cascade);
    }

    public TrainerConfig withThreads(int n) {
        return new TrainerConfig(features, minDf, l2Cost, iterations, calibrate, calibrationFraction, seed, n, algorithm,
                cascade);
    }

    public TrainerConfig withCascade(CascadeConfig c) {
        return new TrainerConfig(features, minDf, l2Cost, iterations, calibrate, calibrationFraction, seed, threads,
                algorithm, c);
    }
}
