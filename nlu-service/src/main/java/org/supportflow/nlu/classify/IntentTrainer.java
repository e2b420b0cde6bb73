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
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * Trains {@link IntentModel}s: the lexical stage with Apache OpenNLP's quasi-Newton (L-BFGS) maxent trainer
 * over real-valued TF-IDF contexts and, when the feature set has a dense part, the encoder stage
 * ({@link DenseSoftmax} over the sentence embedding of the English examples), both in one model so that
 * they are stored, promoted and swapped together. With calibration on, a stratified slice of the data
 * first trains a probe cascade whose predictions on the held-back slice fix the lexical temperature
 * (minimum log loss), the fusion weight and fused temperature (minimum log loss over the English
 * examples), both refusal thresholds ({@link Calibration.Rule}) and the refusal of encoded messages
 * ({@link OutOfScopeRefusal}, when the slice has enough out-of-scope English examples); the final model is then
 * trained on all the data. The held-out evaluation split is never seen here.
 */
public final class IntentTrainer {

    private static final double[] TEMPERATURES = {0.25, 0.33, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.15, 1.3,
        1.5, 1.75, 2.0, 2.5, 3.0, 4.0};
    private static final double[] FUSION_WEIGHTS = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

    private static final float[] NONE = new float[0];

    private final KoreanMorphemes morphemes;
    private final Function<String, float[]> embeddings;
    private final LongUnaryOperator budget;

    public IntentTrainer(KoreanMorphemes morphemes) {
        this(morphemes, null);
    }

    /**
     * @param embeddings where the encoder stage's training embeddings come from ({@code null}: the sentence
     *                   encoder; benchmarks pass a cache); returns {@code null} for text it does not apply to
     */
    public IntentTrainer(KoreanMorphemes morphemes, Function<String, float[]> embeddings) {
        this(morphemes, embeddings, LexicalBudget::heapBudget);
    }

    private IntentTrainer(KoreanMorphemes morphemes, Function<String, float[]> embeddings, LongUnaryOperator budget) {
        this.morphemes = morphemes;
        this.embeddings = embeddings;
        this.budget = budget;
    }

    /** This trainer with a fixed memory budget for the lexical stage instead of the free heap (tests). */
    IntentTrainer withLexicalBudget(long bytes) {
        return new IntentTrainer(morphemes, embeddings, needed -> bytes);
    }

    public IntentModel train(List<LabeledText> data, TrainerConfig config, String version,
                             Map<String, String> metadata) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no training data");
        }
        double temperature = 1.0;
        double threshold = 0.0;
        TrainerConfig.CascadeConfig cc = config.cascade();
        double fusionWeight = cc.fusionWeight();
        double fusedTemperature = 1.0;
        double fusedThreshold = 0.0;
        double encodeBelow = cc.encodeBelow();
        // The encoder stage's L2: fixed, or chosen by the probe on the calibration slice (else by trainDense).
        double denseL2 = cc.l2();
        DenseSoftmax probeDense = null;
        List<String> probeIntents = List.of();
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        Map<String, float[]> denseCache = new HashMap<>();
        OutOfScopeRefusal refusal = null;
        if (config.calibrate()) {
            List<LabeledText> fit = new ArrayList<>();
            List<LabeledText> held = new ArrayList<>();
            stratifiedSplit(data, config.calibrationFraction(), config.seed(), fit, held);
            if (!held.isEmpty() && !fit.isEmpty()) {
                IntentModel probe = fit(fit, config, new IntentModel.ModelInfo(version + "-probe",
                        config.features().describe(), 1.0, 0.0, Map.of()), null, denseCache, held, null, meta);
                List<double[]> raw = new ArrayList<>(held.size());
                int[] gold = new int[held.size()];
                for (int i = 0; i < held.size(); i++) {
                    raw.add(probe.lexicalRaw(held.get(i).text()));
                    gold[i] = probe.intents().indexOf(held.get(i).intent());
                }
                temperature = bestTemperature(raw, gold);
                final double t = temperature;
                List<double[]> calibrated = raw.stream().map(p -> IntentModel.applyTemperature(p, t)).toList();
                List<String> goldNames = held.stream().map(LabeledText::intent).toList();
                threshold = cc.refusal().choose(calibrated, goldNames, probe.intents());
                meta.put("calibration.examples", Integer.toString(held.size()));
                if (probe.cascade().isPresent()) {
                    DenseSoftmax dense = probe.cascade().get().dense();
                    denseL2 = dense.l2();
                    probeDense = dense;
                    probeIntents = probe.intents();
                    List<double[]> lex = new ArrayList<>();
                    List<double[]> den = new ArrayList<>();
                    List<Integer> goldIdx = new ArrayList<>();
                    List<String> goldEn = new ArrayList<>();
                    List<Integer> englishAt = new ArrayList<>(); // where each English example is in held
                    for (int i = 0; i < held.size(); i++) {
                        float[] e = embedding(held.get(i).text(), denseCache, probe.extractor());
                        if (e != null) {
                            englishAt.add(i);
                            lex.add(raw.get(i));
                            den.add(dense.probabilities(e));
                            goldIdx.add(gold[i]);
                            goldEn.add(goldNames.get(i));
                        }
                    }
                    if (!lex.isEmpty()) {
                        double bestLoss = Double.MAX_VALUE;
                        for (double a : FUSION_WEIGHTS) {
                            for (double ft : TEMPERATURES) {
                                IntentModel.Cascade c = new IntentModel.Cascade(dense, a, ft, 0, 1);
                                double loss = 0;
                                for (int i = 0; i < lex.size(); i++) {
                                    if (goldIdx.get(i) >= 0) {
                                        loss -= Math.log(Math.max(IntentModel.fuse(lex.get(i), den.get(i), c)[goldIdx.get(i)], 1e-12));
                                    }
                                }
                                if (loss < bestLoss) {
                                    bestLoss = loss;
                                    fusionWeight = a;
                                    fusedTemperature = ft;
                                }
                            }
                        }
                        IntentModel.Cascade chosen = new IntentModel.Cascade(dense, fusionWeight, fusedTemperature, 0, 1);
                        List<double[]> fused = new ArrayList<>();
                        for (int i = 0; i < lex.size(); i++) {
                            fused.add(IntentModel.fuse(lex.get(i), den.get(i), chosen));
                        }
                        fusedThreshold = cc.refusal().choose(fused, goldEn, probe.intents());
                        meta.put("calibration.encoderExamples", Integer.toString(lex.size()));
                        List<double[]> fusedByHeld = new ArrayList<>(Collections.nCopies(held.size(), null));
                        for (int j = 0; j < englishAt.size(); j++) {
                            fusedByHeld.set(englishAt.get(j), fused.get(j));
                        }
                        encodeBelow = OperatingPoint.choose(cc.encodeBelow(), calibrated, threshold, fusedByHeld,
                                fusedThreshold, goldNames, probe.intents(), meta);
                        refusal = fitRefusal(probe, fit, held, englishAt, calibrated, den, fused, encodeBelow,
                                denseCache, config.seed(), meta);
                    }
                }
            }
        }
        meta.put("training.examples", Integer.toString(data.size()));
        IntentModel.ModelInfo info = new IntentModel.ModelInfo(version, config.features().describe(), temperature,
                threshold, meta);
        TrainerConfig finalConfig = config.withCascade(cc.withL2(denseL2));
        IntentModel model = fit(data, finalConfig, info,
                new double[]{fusionWeight, fusedTemperature, fusedThreshold, encodeBelow}, denseCache, null,
                probeDense == null ? null : new WarmStart(probeDense, probeIntents), meta);
        if (refusal != null && model.cascade().isPresent()) {
            OutOfScopeRefusal.References references = references(data, model, denseCache);
            if (references != null) {
                model = model.withRefusal(refusal.withReferences(references,
                        model.intents().indexOf(IntentPrediction.OUT_OF_SCOPE)));
            }
        }
        return model.withInfo(new IntentModel.ModelInfo(version, info.features(), temperature, threshold, meta));
    }

    /**
     * The refusal of encoded messages, fitted on the slice's English examples as the probe cascade saw them
     * ({@code lexical} calibrated, {@code dense} and {@code fused} per English example, in {@code englishAt}'s
     * order) and measured against the probe's own training examples; {@code null} without an out-of-scope class
     * or with too few out-of-scope English examples.
     */
    private OutOfScopeRefusal fitRefusal(IntentModel probe, List<LabeledText> fit, List<LabeledText> held,
                                         List<Integer> englishAt, List<double[]> lexical, List<double[]> dense,
                                         List<double[]> fused, double encodeBelow, Map<String, float[]> denseCache,
                                         long seed, Map<String, String> meta) {
        int oos = probe.intents().indexOf(IntentPrediction.OUT_OF_SCOPE);
        OutOfScopeRefusal.References references = references(fit, probe, denseCache);
        if (oos < 0 || references == null) {
            meta.put("refusal", "none: no out-of-scope English examples to learn from");
            return null;
        }
        List<OutOfScopeRefusal.SliceMessage> slice = new ArrayList<>(englishAt.size());
        for (int j = 0; j < englishAt.size(); j++) {
            LabeledText example = held.get(englishAt.get(j));
            double[] l = lexical.get(englishAt.get(j));
            boolean encoded = IntentModel.max(l) < encodeBelow;
            int answer = IntentModel.argmax(encoded ? fused.get(j) : l);
            boolean outOfScope = IntentPrediction.OUT_OF_SCOPE.equals(example.intent());
            float[] e = embedding(example.text(), denseCache, probe.extractor());
            slice.add(new OutOfScopeRefusal.SliceMessage(
                    OutOfScopeRefusal.signals(fused.get(j), dense.get(j), l, e, oos, references), outOfScope,
                    !outOfScope && probe.intents().get(answer).equals(example.intent()), encoded));
        }
        return OutOfScopeRefusal.fit(slice, references, oos, OutOfScopeRefusal.IN_SCOPE_LOSS, seed, meta);
    }

    /** The English examples of {@code data} as references, labelled by {@code model}'s intents. */
    private OutOfScopeRefusal.References references(List<LabeledText> data, IntentModel model,
                                                    Map<String, float[]> denseCache) {
        List<float[]> embeddings = new ArrayList<>();
        List<String> intents = new ArrayList<>();
        for (LabeledText example : data) {
            float[] e = embedding(example.text(), denseCache, model.extractor());
            if (e != null) {
                embeddings.add(e);
                intents.add(example.intent());
            }
        }
        return OutOfScopeRefusal.References.of(embeddings, intents, model.intents());
    }

    /**
     * The same model with its encoder stage trained again on {@code data} under {@code config} (same
     * lexical stage; for measurements that vary the encoder stage only).
     */
    public IntentModel retrainEncoderStage(IntentModel model, List<LabeledText> data, TrainerConfig config) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < model.intents().size(); k++) {
            index.put(model.intents().get(k), k);
        }
        Map<String, String> meta = new LinkedHashMap<>(model.info().metadata());
        DenseSoftmax dense = trainDense(data, index, config, new HashMap<>(), model.extractor(), null, null, meta);
        TrainerConfig.CascadeConfig cc = config.cascade();
        IntentModel.ModelInfo info = model.info();
        model = model.withInfo(new IntentModel.ModelInfo(info.version(), info.features(), info.temperature(),
                info.oosThreshold(), meta));
        // A refusal learnt on the old encoder stage's outputs does not fit the new one.
        return model.withRefusal(null).withCascade(dense == null ? null
                : new IntentModel.Cascade(dense, cc.fusionWeight(), 1.0, 0.0, cc.encodeBelow()));
    }

    /**
     * The encoder stage over the English examples of {@code data}. With a fixed L2 one fit on all of them. With
     * {@link TrainerConfig.CascadeConfig#CHOOSE_L2} the strength is chosen on held-back examples: {@code held}
     * when given (the calibration slice of a probe, which then keeps the model fitted on {@code data} with the
     * chosen strength), otherwise the calibration slice is drawn here from {@code data} (same fraction and
     * seed as calibration) and the chosen strength refitted on all of {@code data}, starting from the slice's
     * optimum. A fixed-L2 fit starts from {@code warmStart} when given (the probe's model; same optimum, fewer
     * iterations). The choice and the held-back accuracy of every candidate go into {@code meta}.
     */
    private DenseSoftmax trainDense(List<LabeledText> data, Map<String, Integer> index, TrainerConfig config,
                                    Map<String, float[]> denseCache, FeatureExtractor extractor,
                                    List<LabeledText> held, DenseSoftmax warmStart, Map<String, String> meta) {
        Encoded all = encoded(data, index, denseCache, extractor);
        if (all.x().isEmpty()) {
            return null;
        }
        TrainerConfig.CascadeConfig cc = config.cascade();
        int threads = Math.max(1, config.threads());
        long start = System.nanoTime();
        DenseSoftmax dense;
        if (!cc.choosesL2()) {
            dense = DenseSoftmax.train(all.x(), all.y(), index.size(), cc.l2(), cc.iterations(), threads,
                    warmStart);
        } else {
            Encoded fitPart = all;
            Encoded heldPart = held == null ? null : encoded(held, index, denseCache, extractor);
            if (heldPart == null) {
                List<LabeledText> fitSlice = new ArrayList<>();
                List<LabeledText> heldSlice = new ArrayList<>();
                stratifiedSplit(data, config.calibrationFraction(), config.seed(), fitSlice, heldSlice);
                fitPart = encoded(fitSlice, index, denseCache, extractor);
                heldPart = encoded(heldSlice, index, denseCache, extractor);
            }
            if (heldPart.x().isEmpty() || fitPart.x().isEmpty()) {
                // Nothing to choose on (too few English examples): the middle of the candidates.
                double[] candidates = DenseSoftmax.l2Candidates();
                double fallback = candidates[candidates.length / 2];
                meta.put("dense.l2", fallback + " (too few English examples to choose)");
                return DenseSoftmax.train(all.x(), all.y(), index.size(), fallback, cc.iterations(), threads);
            }
            DenseSoftmax.Selection selection = DenseSoftmax.select(fitPart.x(), fitPart.y(), heldPart.x(),
                    heldPart.y(), index.size(), DenseSoftmax.l2Candidates(), cc.iterations(), threads);
            StringBuilder tried = new StringBuilder();
            for (int c = 0; c < selection.l2().length; c++) {
                tried.append(c == 0 ? "" : " ").append(selection.l2()[c]).append(':')
                        .append(String.format(java.util.Locale.ROOT, "%.4f", selection.accuracy()[c]));
            }
            meta.put("dense.l2.heldAccuracy", tried.toString());
            meta.put("dense.l2.heldExamples", Integer.toString(heldPart.x().size()));
            meta.put("dense.l2.choiceMillis", Long.toString((System.nanoTime() - start) / 1_000_000));
            dense = held != null ? selection.model()
                    : DenseSoftmax.train(all.x(), all.y(), index.size(), selection.chosenL2(), cc.iterations(),
                    threads, selection.model());
        }
        meta.put("dense.l2", Double.toString(dense.l2()));
        meta.put("dense.iterations", Integer.toString(dense.iterations()));
        meta.put("dense.trainingMillis", Long.toString((System.nanoTime() - start) / 1_000_000));
        return dense;
    }

    /** A probe's encoder stage and the intents its outcomes stand for. */
    private record WarmStart(DenseSoftmax dense, List<String> intents) {
    }

    /** The embeddings of the examples the encoder applies to, with their outcome indexes. */
    private record Encoded(List<float[]> x, int[] y) {
    }

    private Encoded encoded(List<LabeledText> examples, Map<String, Integer> index, Map<String, float[]> denseCache,
                            FeatureExtractor extractor) {
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (LabeledText example : examples) {
            float[] e = embedding(example.text(), denseCache, extractor);
            Integer k = index.get(example.intent());
            if (e != null && k != null) {
                x.add(e);
                y.add(k);
            }
        }
        return new Encoded(x, y.stream().mapToInt(Integer::intValue).toArray());
    }

    private float[] embedding(String text, Map<String, float[]> cache, FeatureExtractor extractor) {
        float[] e = cache.computeIfAbsent(text, t -> {
            float[] d = embeddings != null ? embeddings.apply(t) : extractor.dense(t);
            return d == null ? NONE : d;
        });
        return e == NONE ? null : e;
    }

    /**
     * Trains both stages; {@code cascade} = {fusion weight, temperature, threshold, encode-below} or null (probe);
     * {@code held}: the calibration slice, for a probe whose encoder stage chooses its L2 there;
     * {@code warmStart}: the probe's encoder stage, where the final one starts from.
     */
    private IntentModel fit(List<LabeledText> data, TrainerConfig config, IntentModel.ModelInfo info,
                            double[] cascade, Map<String, float[]> denseCache, List<LabeledText> held,
                            WarmStart warmStart, Map<String, String> meta) {
        FeatureExtractor extractor = new FeatureExtractor(config.features(), morphemes);
        List<Map<String, Integer>> docs = new ArrayList<>(data.size());
        for (LabeledText example : data) {
            docs.add(extractor.extract(example.text()));
        }
        int intents = (int) data.stream().map(LabeledText::intent).distinct().count();
        LexicalBudget.Fitted vocabulary = LexicalBudget.fit(docs, config.minDf(), intents, budget);
        TfIdfVectorizer vectorizer = vocabulary.vectorizer();
        // the final fit runs last on the shared map: what it needed is what the model records
        if (vocabulary.minDf() != config.minDf()) {
            meta.put("lexical.minDf", Integer.toString(vocabulary.minDf()));
        } else {
            meta.remove("lexical.minDf");
        }
        List<Event> events = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            TfIdfVectorizer.Vector v = extractor.vector(vectorizer, docs.get(i), null);
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
        params.put(QNTrainer.M_PARAM, LexicalBudget.QN_CORRECTIONS);
        params.put(QNTrainer.THREADS_PARAM, Math.max(1, config.threads()));
        params.put("PrintMessages", false);
        EventTrainer trainer = TrainerFactory.getEventTrainer(params, new HashMap<>());
        MaxentModel model;
        try {
            model = trainer.train(ObjectStreamUtils.createObjectStream(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IntentModel.Cascade stage2 = null;
        if (config.features().dense() > 0) {
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < model.getNumOutcomes(); k++) {
                index.put(model.getOutcome(k), k);
            }
            List<String> outcomes = new ArrayList<>();
            for (int k = 0; k < model.getNumOutcomes(); k++) {
                outcomes.add(model.getOutcome(k));
            }
            // The probe's weights are a valid start only when its outcomes are indexed the same way.
            DenseSoftmax start = warmStart != null && warmStart.intents().equals(outcomes) ? warmStart.dense() : null;
            DenseSoftmax dense = trainDense(data, index, config, denseCache, extractor, held, start, meta);
            if (dense != null) {
                TrainerConfig.CascadeConfig cc = config.cascade();
                stage2 = cascade == null ? new IntentModel.Cascade(dense, cc.fusionWeight(), 1.0, 0.0, 1.0)
                        : new IntentModel.Cascade(dense, cascade[0], cascade[1], cascade[2], cascade[3]);
            }
        }
        return new IntentModel(info, extractor, vectorizer, model, stage2);
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
