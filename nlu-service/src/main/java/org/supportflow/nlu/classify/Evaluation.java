package org.supportflow.nlu.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Accuracy, per-intent precision / recall / F1 and the most frequent confusions of a labelled run. */
public final class Evaluation {

    public record PerIntent(String intent, int support, double precision, double recall, double f1) {
    }

    public record Confusion(String gold, String predicted, int count) {
    }

    private final Map<String, Map<String, Integer>> matrix = new TreeMap<>();
    private int total;
    private int correct;

    public void add(String gold, String predicted) {
        matrix.computeIfAbsent(gold, k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
        total++;
        if (gold.equals(predicted)) {
            correct++;
        }
    }

    public int total() {
        return total;
    }

    public double accuracy() {
        return total == 0 ? 0.0 : (double) correct / total;
    }

    /** Accuracy over the messages whose gold intent satisfies {@code inScope}. */
    public double accuracyWhereGold(java.util.function.Predicate<String> goldFilter) {
        int n = 0;
        int ok = 0;
        for (Map.Entry<String, Map<String, Integer>> row : matrix.entrySet()) {
            if (!goldFilter.test(row.getKey())) {
                continue;
            }
            for (Map.Entry<String, Integer> cell : row.getValue().entrySet()) {
                n += cell.getValue();
                if (cell.getKey().equals(row.getKey())) {
                    ok += cell.getValue();
                }
            }
        }
        return n == 0 ? 0.0 : (double) ok / n;
    }

    public List<PerIntent> perIntent() {
        TreeSet<String> labels = new TreeSet<>(matrix.keySet());
        matrix.values().forEach(row -> labels.addAll(row.keySet()));
        List<PerIntent> out = new ArrayList<>();
        for (String label : labels) {
            int tp = matrix.getOrDefault(label, Map.of()).getOrDefault(label, 0);
            int support = matrix.getOrDefault(label, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            int predicted = matrix.values().stream().mapToInt(row -> row.getOrDefault(label, 0)).sum();
            double p = predicted == 0 ? 0.0 : (double) tp / predicted;
            double r = support == 0 ? 0.0 : (double) tp / support;
            double f1 = p + r == 0 ? 0.0 : 2 * p * r / (p + r);
            out.add(new PerIntent(label, support, p, r, f1));
        }
        return out;
    }

    /** Macro F1 over the intents that occur as gold labels. */
    public double macroF1() {
        return perIntent().stream().filter(s -> s.support() > 0).mapToDouble(PerIntent::f1).average().orElse(0.0);
    }

    public List<Confusion> topConfusions(int limit) {
        List<Confusion> out = new ArrayList<>();
        matrix.forEach((gold, row) -> row.forEach((pred, count) -> {
            if (!gold.equals(pred)) {
                out.add(new Confusion(gold, pred, count));
            }
        }));
        out.sort(Comparator.comparingInt(Confusion::count).reversed().thenComparing(Confusion::gold));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** A plain-text report: accuracy, macro F1, a per-intent table and the top confusions. */
    public String report(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: n=%d accuracy=%.4f macro_f1=%.4f%n", title, total, accuracy(),
                macroF1()));
        sb.append(String.format(Locale.ROOT, "  %-22s %7s %9s %7s %7s%n", "intent", "support", "precision", "recall",
                "f1"));
        for (PerIntent s : perIntent()) {
            sb.append(String.format(Locale.ROOT, "  %-22s %7d %9.3f %7.3f %7.3f%n", s.intent(), s.support(),
                    s.precision(), s.recall(), s.f1()));
        }
        List<Confusion> confusions = topConfusions(10);
        sb.append("  confusions (gold -> predicted x count):").append(confusions.isEmpty() ? " none" : "")
                .append(System.lineSeparator());
        for (Confusion c : confusions) {
            sb.append(String.format(Locale.ROOT, "    %s -> %s x%d%n", c.gold(), c.predicted(), c.count()));
        }
        return sb.toString();
    }
}
