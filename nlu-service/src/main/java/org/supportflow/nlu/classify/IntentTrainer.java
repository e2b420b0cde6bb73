package org.supportflow.nlu.classify;

import opennlp.tools.ml.AbstractEventTrainer;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.maxent.quasinewton.QNTrainer;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains {@link IntentModel}s with Apache OpenNLP's quasi-Newton (L-BFGS) maxent trainer over
 * real-valued TF-IDF contexts. With calibration on, a stratified slice of the data first trains a probe
 * model whose predictions on the held-back slice fix the softmax temperature (minimum log loss) and
 * the out-of-scope threshold (maximum accuracy with refusals counted); the final model is then trained
 * on all the data. The held-out evaluation split is never seen here.
 */
public final class IntentTrainer {

    private static final double[] TEMPERATURES = {0.25, 0.33, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.15, 1.3,
        1.5, 1.75, 2.0, 2.5, 3.0, 4.0};

    private static final float[] NO_DENSE = new float[0];

    private final KoreanMorphemes morphemes;

    public IntentTrainer(KoreanMorphemes morphemes) {
        this.morphemes = morphemes;
    }

    public IntentModel train(List<LabeledText> data, TrainerConfig config, String version,
                             Map<String, String> metadata) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no training data");
        }
        double temperature = 1.0;
        double threshold = 0.0;
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        Map<String, float[]> denseCache = new HashMap<>();
        if (config.calibrate()) {
            List<LabeledText> fit = new ArrayList<>();
            List<LabeledText> held = new ArrayList<>();
            stratifiedSplit(data, config.calibrationFraction(), config.seed(), fit, held);
            if (!held.isEmpty() && !fit.isEmpty()) {
                IntentModel probe = fit(fit, config, new IntentModel.ModelInfo(version + "-probe",
                        config.features().describe(), 1.0, 0.0, Map.of()), denseCache);
                List<double[]> raw = new ArrayList<>(held.size());
                int[] gold = new int[held.size()];
                for (int i = 0; i < held.size(); i++) {
                    raw.add(probe.rawProbabilities(held.get(i).text()));
                    gold[i] = probe.intents().indexOf(held.get(i).intent());
                }
                temperature = bestTemperature(raw, gold);
                final double t = temperature;
                List<double[]> calibrated = raw.stream().map(p -> IntentModel.applyTemperature(p, t)).toList();
                threshold = Calibration.bestThreshold(calibrated, held.stream().map(LabeledText::intent).toList(),
                        probe.intents());
                meta.put("calibration.examples", Integer.toString(held.size()));
            }
        }
        meta.put("training.examples", Integer.toString(data.size()));
        return fit(data, config, new IntentModel.ModelInfo(version, config.features().describe(), temperature,
                threshold, meta), denseCache);
    }

    private IntentModel fit(List<LabeledText> data, TrainerConfig config, IntentModel.ModelInfo info,
                            Map<String, float[]> denseCache) {
        FeatureExtractor extractor = new FeatureExtractor(config.features(), morphemes);
        List<Map<String, Integer>> docs = new ArrayList<>(data.size());
        for (LabeledText example : data) {
            docs.add(extractor.extract(example.text()));
        }
        TfIdfVectorizer vectorizer = TfIdfVectorizer.fit(docs, config.minDf());
        List<Event> events = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            String text = data.get(i).text();
            float[] dense = denseCache.computeIfAbsent(text, t -> {
                float[] d = extractor.dense(t);
                return d == null ? NO_DENSE : d;
            });
            TfIdfVectorizer.Vector v = extractor.vector(vectorizer, docs.get(i), dense == NO_DENSE ? null : dense);
            if (v.features().length > 0) {
                events.add(new Event(data.get(i).intent(), v.features(), v.values()));
            }
        }
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, config.algorithm());
        params.put(AbstractEventTrainer.DATA_INDEXER_PARAM, AbstractEventTrainer.DATA_INDEXER_ONE_PASS_REAL_VALUE);
        params.put(TrainingParameters.CUTOFF_PARAM, 0);
        params.put(TrainingParameters.ITERATIONS_PARAM, config.iterations());
        params.put(QNTrainer.L1COST_PARAM, 0.0);
        params.put(QNTrainer.L2COST_PARAM, config.l2Cost());
        params.put(QNTrainer.M_PARAM, 7);
        params.put(QNTrainer.THREADS_PARAM, Math.max(1, config.threads()));
        params.put("PrintMessages", false);
        EventTrainer trainer = TrainerFactory.getEventTrainer(params, new HashMap<>());
        try {
            MaxentModel model = trainer.train(ObjectStreamUtils.createObjectStream(events));
            return new IntentModel(info, extractor, vectorizer, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double bestTemperature(List<double[]> raw, int[] gold) {
        double best = 1.0;
        double bestLoss = Double.MAX_VALUE;
        for (double t : TEMPERATURES) {
            double loss = 0;
            for (int i = 0; i < raw.size(); i++) {
                if (gold[i] < 0) {
                    continue;
                }
                double[] p = IntentModel.applyTemperature(raw.get(i), t);
                loss -= Math.log(Math.max(p[gold[i]], 1e-12));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = t;
            }
        }
        return best;
    }

    /** Per-intent shuffled split; every intent keeps at least one example for fitting. */
    public static void stratifiedSplit(List<LabeledText> data, double fraction, long seed, List<LabeledText> fit,
                                List<LabeledText> held) {
        Map<String, List<LabeledText>> byIntent = new LinkedHashMap<>();
        for (LabeledText example : data) {
            byIntent.computeIfAbsent(example.intent(), k -> new ArrayList<>()).add(example);
        }
        Random random = new Random(seed);
        for (List<LabeledText> examples : byIntent.values()) {
            List<LabeledText> shuffled = new ArrayList<>(examples);
            Collections.shuffle(shuffled, random);
            int n = (int) Math.floor(shuffled.size() * fraction);
            if (shuffled.size() - n < 1) {
                n = shuffled.size() - 1;
            }
            held.addAll(shuffled.subList(0, n));
            fit.addAll(shuffled.subList(n, shuffled.size()));
        }
    }
}
