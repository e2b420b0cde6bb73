package org.supportflow.benchmarks.cost;

import org.supportflow.contracts.privacy.PiiMasker;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.OutOfScopeRefusal;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.ModelStore;
import org.supportflow.nlu.classify.SentenceEncoder;
import org.supportflow.nlu.classify.TrainerConfig;
import org.supportflow.nlu.classify.TrainingData;
import org.supportflow.nlu.entities.EntityExtractor;
import org.supportflow.nlu.kb.KnowledgeBase;
import org.supportflow.nlu.kb.KnowledgeBaseLoader;
import org.supportflow.nlu.language.LanguageDetector;
import org.supportflow.nlu.learning.FeedbackStore;
import org.supportflow.nlu.learning.ModelManager;
import org.supportflow.nlu.pipeline.NluPipeline;
import org.supportflow.nlu.sentiment.SentimentAnalyzer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU cost of the NLU per message on one thread, on a 50/50 Korean/English mix of realistic messages
 * (the shop domain's held-out sets, never trained on, interleaved), at the cascade's operating points.
 * Figures are CPU time: the measuring thread's ({@link ThreadMXBean#getCurrentThreadCpuTime()}) and the
 * whole process's ({@code OperatingSystemMXBean.getProcessCpuTime()}, which also counts ONNX Runtime's own
 * threads, the JIT and the GC), each divided by the messages classified; wall-clock is printed for
 * reference only. The model is the service's default configuration ({@link TrainerConfig#DEFAULT}),
 * trained from the shipped data (kept under {@code target/cost-models}). Usage:
 * {@code NluCost [passes] [--encode-below T1,T2,...]} (default: every operating point below).
 */
public final class NluCost {

    private static final double[] DEFAULT_ENCODE_BELOW = {0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01};

    private NluCost() {
    }

    public static void main(String[] args) throws Exception {
        int passes = 3;
        double[] operatingPoints = DEFAULT_ENCODE_BELOW;
        for (int a = 0; a < args.length; a++) {
            if (args[a].equals("--encode-below")) {
                operatingPoints = java.util.Arrays.stream(args[++a].split(",")).mapToDouble(Double::parseDouble)
                        .toArray();
            } else {
                passes = Integer.parseInt(args[a]);
            }
        }
        KoreanMorphemes morphemes = new KoreanMorphemes();
        PiiMasker masker = new PiiMasker();
        List<LabeledText> base = new ArrayList<>(TrainingData.fromClasspath("domains/shop/train-ko.tsv"));
        base.addAll(TrainingData.fromClasspath("domains/shop/train-en.tsv"));
        List<LabeledText> ko = TrainingData.fromClasspath("domains/shop/heldout-ko.tsv");
        List<LabeledText> en = TrainingData.fromClasspath("domains/shop/heldout-en.tsv");
        Path dir = Path.of("target/cost-models").toAbsolutePath();
        ModelManager manager = new ModelManager(new ModelStore(dir), new IntentTrainer(morphemes), morphemes, base,
                new ModelManager.Heldout(Map.of("ko", ko, "en", en)), new FeedbackStore(dir, masker),
                TrainerConfig.DEFAULT, 3, Clock.systemUTC());
        IntentModel model = manager.bootstrap();
        IntentModel.Cascade defaults = model.cascade().orElseThrow();
        System.out.printf(Locale.ROOT, "model %s features=%s alpha=%.2f fused_temperature=%.2f fused_threshold=%.3f "
                        + "lexical_threshold=%.3f encode_below=%.2f refusal=%s%n", model.version(), model.info().features(),
                defaults.fusionWeight(), defaults.temperature(), defaults.oosThreshold(), model.info().oosThreshold(),
                defaults.encodeBelow(), model.info().metadata().getOrDefault("refusal", "none"));
        List<LabeledText> mix = new ArrayList<>();
        for (int i = 0; i < Math.max(ko.size(), en.size()); i++) {
            if (i < ko.size()) {
                mix.add(ko.get(i));
            }
            if (i < en.size()) {
                mix.add(en.get(i));
            }
        }
        KnowledgeBase kb = new KnowledgeBaseLoader().loadClasspath();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "messages=%d (ko %d, en %d) passes=%d, one thread%n", mix.size(), ko.size(),
                en.size(), passes);
        System.out.println("| encode_below | encoded (all / English) | accuracy ko | accuracy en "
                + "| thread CPU µs/msg (full pipeline) | process CPU µs/msg | intent only, thread CPU µs/msg | wall µs/msg |");
        List<double[]> rows = new ArrayList<>();
        // Each operating point as the model decides (with its refusal of encoded messages, when it has one), then the
        // default point once more with the fused threshold instead, for what the refusal's signals cost.
        List<Point> points = new ArrayList<>();
        for (double tau : operatingPoints) {
            points.add(new Point(tau, true));
        }
        if (model.refusal().isPresent()) {
            points.add(new Point(defaults.encodeBelow(), false));
        }
        for (Point point : points) {
            boolean withoutRefusal = !point.refusal();
            double tau = point.encodeBelow();
            IntentModel m = model.withCascade(defaults.with(defaults.fusionWeight(), defaults.temperature(),
                    defaults.oosThreshold(), tau)).withRefusal(withoutRefusal ? null : model.refusal().orElse(null));
            NluPipeline pipeline = new NluPipeline(LanguageDetector.fromClasspath("ko"), () -> m,
                    new SentimentAnalyzer(), new EntityExtractor(masker), masker, () -> kb, 5);
            // warm-up: two passes
            for (int w = 0; w < 2; w++) {
                for (LabeledText e : mix) {
                    pipeline.analyze(e.text(), null);
                }
            }
            int encoded = 0;
            int encodedEn = 0;
            int rightKo = 0;
            int rightEn = 0;
            for (LabeledText e : mix) {
                IntentModel.Scored s = m.score(e.text());
                boolean right = m.decide(s.probabilities(), 1, s.threshold()).intent().equals(e.intent());
                boolean korean = ko.contains(e);
                if (s.encoded()) {
                    encoded++;
                    if (!korean) {
                        encodedEn++;
                    }
                }
                if (right && korean) {
                    rightKo++;
                } else if (right) {
                    rightEn++;
                }
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long proc0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            for (int p = 0; p < passes; p++) {
                for (LabeledText e : mix) {
                    pipeline.analyze(e.text(), null);
                }
            }
            long n = (long) passes * mix.size();
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / n;
            double proc = (os.getProcessCpuTime() - proc0) / 1000.0 / n;
            double wall = (System.nanoTime() - wall0) / 1000.0 / n;
            long i0 = threads.getCurrentThreadCpuTime();
            for (int p = 0; p < passes; p++) {
                for (LabeledText e : mix) {
                    m.classify(e.text(), 5);
                }
            }
            double intentCpu = (threads.getCurrentThreadCpuTime() - i0) / 1000.0 / n;
            System.out.printf(Locale.ROOT, "| %.2f%s | %.3f / %.3f | %.4f | %.4f | %.0f | %.0f | %.0f | %.0f |%n", tau,
                    (tau == defaults.encodeBelow() ? " (default)" : "") + (withoutRefusal ? ", fused threshold" : ""), (double) encoded / mix.size(),
                    (double) encodedEn / en.size(), (double) rightKo / ko.size(), (double) rightEn / en.size(), cpu,
                    proc, intentCpu, wall);
            if (!withoutRefusal) {
                rows.add(new double[]{tau, cpu, proc});
            }
        }
        // The encoder alone, per English message: the service's session against ONNX Runtime's defaults.
        List<String> english = en.stream().map(LabeledText::text).toList();
        try (SentenceEncoder onnxDefaults = SentenceEncoder.withOptions(0, true)) {
            encoderCost("encoder alone, ONNX defaults (pool of all cores, spinning)", onnxDefaults, english, threads, os);
        }
        encoderCost("encoder alone, service session (1 thread, no spinning)", SentenceEncoder.shared(), english, threads,
                os);
        if (model.refusal().isPresent()) {
            refusalCost(model, defaults, english, threads);
        }
        for (double[] r : rows) {
            if (r[0] == defaults.encodeBelow()) {
                System.out.printf(Locale.ROOT, "cost encode_below=%.2f thread_cpu_us=%.0f process_cpu_us=%.0f%n",
                        r[0], r[1], r[2]);
            }
        }
    }

    private static void encoderCost(String label, SentenceEncoder encoder, List<String> texts, ThreadMXBean threads,
                                    com.sun.management.OperatingSystemMXBean os) {
        for (int i = 0; i < 200; i++) {
            encoder.encode(texts.get(i % texts.size()));
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long proc0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (String t : texts) {
            encoder.encode(t);
        }
        int n = texts.size();
        System.out.printf(Locale.ROOT, "%s: thread CPU %.0f µs, process CPU %.0f µs, wall %.0f µs per message%n", label,
                (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / n, (os.getProcessCpuTime() - proc0) / 1000.0 / n,
                (System.nanoTime() - wall0) / 1000.0 / n);
    }

    /**
     * The refusal's signals and regression alone, per English message as if encoded (the stages' outputs and the
     * embedding computed beforehand, outside the measurement): what the refusal adds to each encoded message.
     */
    private static void refusalCost(IntentModel model, IntentModel.Cascade cascade, List<String> texts,
                                    ThreadMXBean threads) {
        OutOfScopeRefusal refusal = model.refusal().orElseThrow();
        int n = texts.size();
        double[][] fused = new double[n][];
        double[][] dense = new double[n][];
        double[][] lexical = new double[n][];
        float[][] embeddings = new float[n][];
        for (int i = 0; i < n; i++) {
            double[] raw = model.lexicalRaw(texts.get(i));
            embeddings[i] = model.embedding(texts.get(i));
            lexical[i] = IntentModel.applyTemperature(raw, model.info().temperature());
            dense[i] = cascade.dense().probabilities(embeddings[i]);
            fused[i] = model.withRefusal(null).score(raw, embeddings[i], cascade.with(cascade.fusionWeight(),
                    cascade.temperature(), cascade.oosThreshold(), 1.01)).probabilities();
        }
        double sink = 0;
        for (int pass = 0; pass < 3; pass++) { // warm-up
            for (int i = 0; i < n; i++) {
                sink += refusal.outOfScope(fused[i], dense[i], lexical[i], embeddings[i]);
            }
        }
        int passes = 5;
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < n; i++) {
                sink += refusal.outOfScope(fused[i], dense[i], lexical[i], embeddings[i]);
            }
        }
        System.out.printf(Locale.ROOT, "refusal of an encoded message alone (signals and regression): thread CPU %.0f µs "
                + "(checksum %.3f)%n", (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / ((long) passes * n), sink);
    }

    /** An operating point, with the model's refusal of encoded messages or with the fused threshold instead. */
    private record Point(double encodeBelow, boolean refusal) {
    }
}
