package org.supportflow.benchmarks.eval;

import org.supportflow.nlu.classify.FeatureExtractor;
import org.supportflow.nlu.classify.FeatureSet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The sentence embeddings of a data set's texts, computed once with the service's own encoder path
 * ({@link FeatureExtractor#dense}: normalisation, English only) and kept under {@code benchmarks/target}
 * so that repeated evaluations do not pay for encoding again. Not thread-safe.
 */
final class EmbeddingCache implements Function<String, float[]> {

    private static final float[] NONE = new float[0];

    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final FeatureExtractor extractor = new FeatureExtractor(FeatureSet.parse("w1,d1"), null);
    private int added;
    private long encodeNanos;
    private int encoded;

    EmbeddingCache(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String text = in.readUTF();
                    int d = in.readInt();
                    float[] v = d == 0 ? NONE : new float[d];
                    for (int j = 0; j < d; j++) {
                        v[j] = in.readFloat();
                    }
                    vectors.put(text, v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public float[] apply(String text) {
        float[] v = vectors.get(text);
        if (v == null) {
            long start = System.nanoTime();
            float[] e = extractor.dense(text);
            if (e != null) {
                encodeNanos += System.nanoTime() - start;
                encoded++;
            }
            v = e == null ? NONE : e;
            vectors.put(text, v);
            added++;
        }
        return v == NONE ? null : v;
    }

    /** Mean wall-clock encoding time of the texts encoded in this run, in µs (0 when all came from the cache). */
    long meanEncodeMicros() {
        return encoded == 0 ? 0 : encodeNanos / encoded / 1000;
    }

    void save() {
        if (added == 0) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(vectors.size());
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            added = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
