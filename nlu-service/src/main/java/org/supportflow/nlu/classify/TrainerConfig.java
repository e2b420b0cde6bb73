package org.supportflow.nlu.classify;

/**
 * How an intent model is trained.
 *
 * @param features            the feature set
 * @param minDf               a feature must occur in at least this many training messages
 * @param l2Cost              L2 regularisation of OpenNLP's L-BFGS maxent trainer
 * @param iterations          maximum L-BFGS iterations
 * @param calibrate           fit the temperature and the out-of-scope threshold on a stratified slice
 *                            of the training data (then retrain on all of it)
 * @param calibrationFraction share of each intent's examples held back for calibration
 * @param seed                seed of the calibration split
 * @param threads             trainer threads
 * @param algorithm           OpenNLP trainer: {@code MAXENT_QN} (L-BFGS, the production choice), {@code MAXENT}
 *                            (GIS), {@code PERCEPTRON} or {@code NAIVEBAYES}; the latter three for comparison
 */
public record TrainerConfig(FeatureSet features, int minDf, double l2Cost, int iterations, boolean calibrate,
                            double calibrationFraction, long seed, int threads, String algorithm) {

    /** The production configuration (chosen by measurement, see the README). */
    public static final TrainerConfig DEFAULT =
            new TrainerConfig(FeatureSet.DEFAULT, 1, 0.01, 300, true, 0.2, 42L, 1, "MAXENT_QN");

    /** The production configuration with the settings a deployment may change. */
    public static TrainerConfig of(String features, double l2Cost, int iterations, int threads) {
        return new TrainerConfig(FeatureSet.parse(features), DEFAULT.minDf(), l2Cost, iterations, true,
                DEFAULT.calibrationFraction(), DEFAULT.seed(), threads, DEFAULT.algorithm());
    }

    public TrainerConfig withFeatures(FeatureSet f) {
        return new TrainerConfig(f, minDf, l2Cost, iterations, calibrate, calibrationFraction, seed, threads, algorithm);
    }

    public TrainerConfig withL2(double l2) {
        return new TrainerConfig(features, minDf, l2, iterations, calibrate, calibrationFraction, seed, threads, algorithm);
    }

    public TrainerConfig withMinDf(int df) {
        return new TrainerConfig(features, df, l2Cost, iterations, calibrate, calibrationFraction, seed, threads, algorithm);
    }

    public TrainerConfig withCalibration(boolean on) {
        return new TrainerConfig(features, minDf, l2Cost, iterations, on, calibrationFraction, seed, threads, algorithm);
    }

    public TrainerConfig withAlgorithm(String name) {
        return new TrainerConfig(features, minDf, l2Cost, iterations, calibrate, calibrationFraction, seed, threads,
                name);
    }

    public TrainerConfig withThreads(int n) {
        return new TrainerConfig(features, minDf, l2Cost, iterations, calibrate, calibrationFraction, seed, n, algorithm);
    }
}
