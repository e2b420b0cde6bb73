package org.supportflow.benchmarks.domain;

import com.fasterxml.jackson.databind.JsonNode;
import org.supportflow.benchmarks.eval.Datasets;
import org.supportflow.nlu.classify.IntentModel;
import org.supportflow.nlu.classify.IntentTrainer;
import org.supportflow.nlu.classify.KoreanMorphemes;
import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.nlu.classify.TrainerConfig;
import org.supportflow.nlu.domain.BundleFiles;
import org.supportflow.nlu.domain.BundleLoader;
import org.supportflow.nlu.domain.DomainBundle;
import org.supportflow.nlu.domain.DomainReport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A public data set turned into a domain bundle and trained by the running platform's own job, through the NLU's
 * admin API (never promoted: the active domain keeps serving). With {@code --shots 5,10,20,50} it draws that many
 * training examples per intent, {@code --seeds} times each, and reports the held-out accuracy curve.
 * Usage: {@code DomainEval <banking77|hwu64> [--shots 0|5,10,...] [--seeds N] [--nlu URL] [--keycloak URL]
 * [--user admin1] [--password admin1] [--offline [--encode-below T]] [--repo-root DIR]}. Every run prints one line
 * {@code dataset=.. shots=.. seed=.. accuracy=.. macro_f1=.. false_refusal=.. train_s=..}; the summary gives the mean
 * and range per shot count. With {@code --offline} no platform is needed: the same bundle is validated by the
 * service's {@link BundleLoader}, trained in this process by the service's {@link IntentTrainer} with its
 * production configuration ({@link TrainerConfig#DEFAULT}, what {@code nlu.training.*} defaults to) and
 * judged by the job's own {@link DomainReport}: the figure the job would report, without Kafka, REST or the
 * feedback store (empty for a new bundle's intents anyway). {@code --encode-below T} changes only the
 * cascade's operating point (for measurements; the service's is {@code CascadeConfig.DEFAULT}).
 */
public final class DomainEval {

    private DomainEval() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !List.of("banking77", "hwu64").contains(args[0])) {
            System.err.println("usage: DomainEval <banking77|hwu64> [--shots 0|5,10,20,50] [--seeds N] [--nlu URL]"
                    + " [--keycloak URL] [--user U] [--password P] [--repo-root DIR]");
            System.exit(2);
        }
        String dataset = args[0];
        List<Integer> shots = List.of(0);
        int seeds = 1;
        String nlu = "http://127.0.0.1:8081";
        String keycloak = "http://127.0.0.1:8180";
        String user = "admin1";
        String password = "admin1";
        Path repoRoot = Path.of("").toAbsolutePath();
        boolean offline = false;
        Double encodeBelow = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--shots" -> shots = java.util.Arrays.stream(args[++i].split(",")).map(String::strip)
                        .map(Integer::parseInt).toList();
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--nlu" -> nlu = args[++i];
                case "--keycloak" -> keycloak = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--offline" -> offline = true;
                case "--encode-below" -> encodeBelow = Double.parseDouble(args[++i]);
                case "--repo-root" -> repoRoot = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Datasets.root(repoRoot);
        if (!Files.isDirectory(root.resolve(dataset))) {
            System.out.println("SKIPPED: " + root.resolve(dataset) + " not found (set SUPPORTFLOW_DATASETS)");
            return;
        }
        List<LabeledText> train = dataset.equals("banking77") ? Datasets.banking77(root, "train")
                : Datasets.hwu64(root, "train");
        List<LabeledText> test = dataset.equals("banking77") ? Datasets.banking77(root, "test")
                : Datasets.hwu64(root, "test");
        // HWU64 is a home assistant's data: weather, music, jokes are its intents, not out of scope.
        boolean everydayOutOfScope = dataset.equals("banking77");
        System.out.printf(Locale.ROOT, "dataset=%s train=%d test=%d nlu=%s%n", dataset, train.size(), test.size(), nlu);

        if (offline) {
            TrainerConfig config = encodeBelow == null ? TrainerConfig.DEFAULT : TrainerConfig.DEFAULT.withCascade(
                    TrainerConfig.DEFAULT.cascade().withEncodeBelow(encodeBelow));
            offline(dataset, train, test, shots, seeds, everydayOutOfScope, config);
            return;
        }
        DomainApi api = new DomainApi(nlu, keycloak, user, password);
        Map<Integer, List<double[]>> results = new LinkedHashMap<>();
        for (int shot : shots) {
            int runs = shot == 0 ? 1 : seeds;
            for (int seed = 1; seed <= runs; seed++) {
                Map<String, String> files = BenchmarkBundle.build(dataset, train, test, shot, seed, everydayOutOfScope);
                String job = api.train(files);
                JsonNode view = api.await(job, Duration.ofMinutes(30));
                if (!view.path("status").asText().equals("PASSED")) {
                    System.out.printf(Locale.ROOT, "dataset=%s shots=%d seed=%d status=%s reason=%s%n", dataset, shot,
                            seed, view.path("status").asText(), view.path("reason").asText());
                    continue;
                }
                JsonNode report = view.path("report");
                double accuracy = report.path("accuracy").asDouble();
                double macroF1 = report.path("languages").path("en").path("macroF1").asDouble();
                double falseRefusal = report.path("refusals").path("falseRefusalRate").asDouble();
                double seconds = Duration.between(Instant.parse(view.path("createdAt").asText()),
                        Instant.parse(view.path("finishedAt").asText())).toMillis() / 1000.0;
                results.computeIfAbsent(shot, k -> new ArrayList<>())
                        .add(new double[] {accuracy, macroF1, falseRefusal});
                System.out.printf(Locale.ROOT,
                        "dataset=%s shots=%s seed=%d model=%s accuracy=%.4f macro_f1=%.4f false_refusal=%.4f"
                                + " train_s=%.1f%n", dataset, shot == 0 ? "all" : shot, seed,
                        report.path("modelVersion").asText(), accuracy, macroF1, falseRefusal, seconds);
            }
        }
        summary(dataset, results);
    }

    /** The bundle trained and judged in this process, as the platform's job would (see the class comment). */
    private static void offline(String dataset, List<LabeledText> train, List<LabeledText> test, List<Integer> shots,
                                int seeds, boolean everydayOutOfScope, TrainerConfig config) {
        Map<Integer, List<double[]>> results = new LinkedHashMap<>();
        try (KoreanMorphemes morphemes = new KoreanMorphemes()) {
            IntentTrainer trainer = new IntentTrainer(morphemes);
            for (int shot : shots) {
                int runs = shot == 0 ? 1 : seeds;
                for (int seed = 1; seed <= runs; seed++) {
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    BenchmarkBundle.build(dataset, train, test, shot, seed, everydayOutOfScope)
                            .forEach((name, text) -> files.put(name, text.getBytes(StandardCharsets.UTF_8)));
                    DomainBundle bundle = new BundleLoader().load(new BundleFiles(files, "benchmark")).orThrow();
                    long start = System.nanoTime();
                    IntentModel model = trainer.train(bundle.trainingExamples(), config,
                            "offline-" + shot + "-" + seed, Map.of());
                    double trainSeconds = (System.nanoTime() - start) / 1e9;
                    DomainReport report = DomainReport.of(model, bundle.heldoutByLanguage());
                    double macroF1 = report.languages().get("en").macroF1();
                    double falseRefusal = report.refusals().falseRefusalRate();
                    results.computeIfAbsent(shot, k -> new ArrayList<>())
                            .add(new double[] {report.accuracy(), macroF1, falseRefusal});
                    Map<String, String> meta = model.info().metadata();
                    System.out.printf(Locale.ROOT,
                            "dataset=%s shots=%s seed=%d offline accuracy=%.4f macro_f1=%.4f false_refusal=%.4f"
                                    + " train_s=%.1f dense_l2=%s encode_below=%s lexical_min_df=%s%n"
                                    + "  slice accuracy per operating point: %s%n",
                            dataset, shot == 0 ? "all" : shot, seed, report.accuracy(), macroF1, falseRefusal,
                            trainSeconds, meta.get("dense.l2"), meta.getOrDefault("calibration.encodeBelow", "-"),
                            meta.getOrDefault("lexical.minDf", "1"),
                            meta.getOrDefault("calibration.encodeBelowAccuracy", "-"));
                }
            }
        }
        summary(dataset, results);
    }

    private static void summary(String dataset, Map<Integer, List<double[]>> results) {
        System.out.println("summary (held-out accuracy over seeds: mean [min, max]; false refusals: mean)");
        for (Map.Entry<Integer, List<double[]>> entry : results.entrySet()) {
            List<double[]> runs = entry.getValue();
            double mean = runs.stream().mapToDouble(r -> r[0]).average().orElse(Double.NaN);
            double min = runs.stream().mapToDouble(r -> r[0]).min().orElse(Double.NaN);
            double max = runs.stream().mapToDouble(r -> r[0]).max().orElse(Double.NaN);
            double refusals = runs.stream().mapToDouble(r -> r[2]).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "dataset=%s shots=%s runs=%d accuracy=%.4f [%.4f, %.4f] false_refusal=%.4f%n",
                    dataset, entry.getKey() == 0 ? "all" : entry.getKey(), runs.size(), mean, min, max, refusals);
        }
    }
}
