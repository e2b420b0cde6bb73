package org.supportflow.nlu.classify;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sublinear TF-IDF weighting over a fitted vocabulary, L2-normalised per message: the real-valued
 * contexts the OpenNLP maxent model is trained and evaluated on. Immutable once fitted.
 */
public final class TfIdfVectorizer {

    /** A message as OpenNLP sees it: feature names and their weights. */
    public record Vector(String[] features, float[] values) {
    }

    private final Map<String, Float> idf;

    private TfIdfVectorizer(Map<String, Float> idf) {
        this.idf = idf;
    }

    /** Fits the vocabulary: features present in at least {@code minDf} documents, smoothed idf. */
    public static TfIdfVectorizer fit(Collection<Map<String, Integer>> documents, int minDf) {
        Map<String, Integer> df = new HashMap<>();
        for (Map<String, Integer> doc : documents) {
            for (String feature : doc.keySet()) {
                df.merge(feature, 1, Integer::sum);
            }
        }
        int n = documents.size();
        Map<String, Float> idf = new HashMap<>(df.size() * 2);
        df.forEach((feature, count) -> {
            if (count >= minDf) {
                idf.put(feature, (float) (Math.log((1.0 + n) / (1.0 + count)) + 1.0));
            }
        });
        return new TfIdfVectorizer(idf);
    }

    public int size() {
        return idf.size();
    }

    /** Feature → inverse document frequency (read-only view). */
    Map<String, Float> idf() {
        return java.util.Collections.unmodifiableMap(idf);
    }

    public Vector transform(Map<String, Integer> counts) {
        List<String> names = new ArrayList<>(counts.size());
        float[] weights = new float[counts.size()];
        double norm = 0;
        int i = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Float w = idf.get(e.getKey());
            if (w == null) {
                continue;
            }
            float value = (float) ((1.0 + Math.log(e.getValue())) * w);
            names.add(e.getKey());
            weights[i++] = value;
            norm += (double) value * value;
        }
        float[] values = new float[i];
        if (norm > 0) {
            float inv = (float) (1.0 / Math.sqrt(norm));
            for (int k = 0; k < i; k++) {
                values[k] = weights[k] * inv;
            }
        }
        return new Vector(names.toArray(String[]::new), values);
    }

    /**
     * Appends dense values as features {@code d+<i>} / {@code d-<i>} (positive and negative parts, so that
     * every value the maxent trainer sees is non-negative).
     */
    public static Vector withDense(Vector v, float[] dense) {
        if (dense == null) {
            return v;
        }
        int n = v.features().length;
        String[] names = java.util.Arrays.copyOf(v.features(), n + dense.length);
        float[] values = java.util.Arrays.copyOf(v.values(), n + dense.length);
        for (int i = 0; i < dense.length; i++) {
            names[n + i] = dense[i] >= 0 ? DENSE_POSITIVE[i] : DENSE_NEGATIVE[i];
            values[n + i] = Math.abs(dense[i]);
        }
        return new Vector(names, values);
    }

    private static final int MAX_DENSE = 1024;
    private static final String[] DENSE_POSITIVE = new String[MAX_DENSE];
    private static final String[] DENSE_NEGATIVE = new String[MAX_DENSE];

    static {
        for (int i = 0; i < MAX_DENSE; i++) {
            DENSE_POSITIVE[i] = "d+" + i;
            DENSE_NEGATIVE[i] = "d-" + i;
        }
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Float> e : idf.entrySet()) {
                out.write(e.getKey());
                out.write('\t');
                out.write(Float.toString(e.getValue()));
                out.write('\n');
            }
        }
    }

    public static TfIdfVectorizer read(Path file) throws IOException {
        Map<String, Float> idf = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    idf.put(line.substring(0, tab), Float.parseFloat(line.substring(tab + 1)));
                }
            }
        }
        return new TfIdfVectorizer(idf);
    }
}
