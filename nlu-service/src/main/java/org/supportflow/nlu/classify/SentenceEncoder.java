package org.supportflow.nlu.classify;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The English sentence encoder behind the dense features: all-MiniLM-L6-v2 (quantised), run in-process
 * by ONNX Runtime from the model shipped inside the langchain4j jar (no download at run time).
 * 384 dimensions, L2-normalised. It knows English only, so the feature extractor uses it for text
 * without Hangul; Korean relies on character n-grams and morphemes. Loaded once per JVM, on first
 * use; thread-safe.
 */
public final class SentenceEncoder {

    public static final String NAME = "all-minilm-l6-v2-q";

    private static volatile SentenceEncoder shared;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    private SentenceEncoder() {
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    public static SentenceEncoder shared() {
        SentenceEncoder encoder = shared;
        if (encoder == null) {
            synchronized (SentenceEncoder.class) {
                encoder = shared;
                if (encoder == null) {
                    encoder = new SentenceEncoder();
                    shared = encoder;
                }
            }
        }
        return encoder;
    }

    public float[] encode(String text) {
        return model.embed(text).content().vector();
    }
}
