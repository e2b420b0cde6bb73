package org.supportflow.nlu.classify;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The English sentence encoder of the cascade's second stage: all-MiniLM-L6-v2 (quantised, mean pooling,
 * L2-normalised, 384 dimensions), run in-process by ONNX Runtime from the model shipped inside the
 * langchain4j jar (no download at run time). It knows English only, so it is asked only for text without
 * Hangul, and only when the lexical stage is unsure.
 *
 * <p>The shared instance runs one ONNX session with one intra-op and one inter-op thread, sequential
 * execution and {@code session.intra_op.allow_spinning=0}: each call costs one core for its duration and
 * nothing after it (ONNX Runtime's defaults start a pool as large as the machine whose threads spin
 * between calls, which a service sharing its cores pays for on every message). Calls run on the caller's
 * thread; the session is thread-safe. Loaded once per JVM, on first use.
 */
public final class SentenceEncoder implements AutoCloseable {

    public static final String NAME = "all-minilm-l6-v2-q";

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private static volatile SentenceEncoder shared;

    private final OrtSession session;
    private final Model model;

    private SentenceEncoder(int intraOpThreads, boolean spinning) {
        try (InputStream modelBytes = resource(MODEL); InputStream tokenizer = resource(TOKENIZER);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            }
            if (!spinning) {
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.addConfigEntry("session.inter_op.allow_spinning", "0");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            this.session = environment.createSession(modelBytes.readAllBytes(), options);
            this.model = new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentence encoder from the class path", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the sentence encoder", e);
        }
    }

    /** The service's encoder: single-threaded, non-spinning. */
    public static SentenceEncoder shared() {
        SentenceEncoder encoder = shared;
        if (encoder == null) {
            synchronized (SentenceEncoder.class) {
                encoder = shared;
                if (encoder == null) {
                    encoder = new SentenceEncoder(1, false);
                    shared = encoder;
                }
            }
        }
        return encoder;
    }

    /**
     * A separate encoder for measurements: {@code intraOpThreads} 0 and {@code spinning} true give ONNX
     * Runtime's defaults (the configuration before the cascade). Close it after use.
     */
    public static SentenceEncoder withOptions(int intraOpThreads, boolean spinning) {
        return new SentenceEncoder(intraOpThreads, spinning);
    }

    public float[] encode(String text) {
        return model.embedAll(List.of(TextSegment.from(text))).content().get(0).vector();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(SentenceEncoder.class.getResourceAsStream(name), name + " is not on the class path");
    }

    /** Adapter to langchain4j's tokenisation, pooling and normalisation around our own session. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }
}
