package org.supportflow.nlu.classify;

import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.GenericModelWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Versioned intent models on disk, so that they survive restarts and an earlier one can be restored:
 * {@code <dir>/models/<version>/} holds {@code maxent.bin} (OpenNLP's model format),
 * {@code vocabulary.tsv} (feature → idf) and {@code model.properties} (features, temperature,
 * threshold, metadata, the cascade's settings) and, for a model with an encoder stage, {@code dense.bin}
 * ({@link DenseSoftmax}) and, when it refuses encoded messages by their own signals, {@code refusal.bin}
 * ({@link OutOfScopeRefusal}): both stages live in one version directory and are activated together;
 * {@code <dir>/CURRENT} names the active version. Writes go to a temporary
 * directory first and are moved into place, so a crash never leaves a half-written version.
 */
public final class ModelStore {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,80}");
    private static final String MODEL_FILE = "maxent.bin";
    private static final String VOCABULARY_FILE = "vocabulary.tsv";
    private static final String PROPERTIES_FILE = "model.properties";
    private static final String DENSE_FILE = "dense.bin";
    private static final String REFUSAL_FILE = "refusal.bin";
    private static final String META_PREFIX = "meta.";

    private final Path root;
    private final Path models;

    public ModelStore(Path root) {
        this.root = root;
        this.models = root.resolve("models");
        try {
            Files.createDirectories(models);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the model directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    public static boolean isValidVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    public synchronized void save(IntentModel model) {
        String version = model.version();
        if (!isValidVersion(version)) {
            throw new IllegalArgumentException("invalid model version");
        }
        Path target = models.resolve(version);
        if (Files.exists(target)) {
            return;
        }
        try {
            Path tmp = Files.createTempDirectory(models, ".tmp-" + version);
            new GenericModelWriter((AbstractModel) model.maxent(), tmp.resolve(MODEL_FILE).toFile()).persist();
            model.vectorizer().write(tmp.resolve(VOCABULARY_FILE));
            Properties props = new Properties();
            IntentModel.ModelInfo info = model.info();
            props.setProperty("version", info.version());
            props.setProperty("features", info.features());
            props.setProperty("temperature", Double.toString(info.temperature()));
            props.setProperty("oosThreshold", Double.toString(info.oosThreshold()));
            info.metadata().forEach((k, v) -> props.setProperty(META_PREFIX + k, v));
            if (model.cascade().isPresent()) {
                IntentModel.Cascade c = model.cascade().get();
                c.dense().write(tmp.resolve(DENSE_FILE));
                props.setProperty("cascade.fusionWeight", Double.toString(c.fusionWeight()));
                props.setProperty("cascade.temperature", Double.toString(c.temperature()));
                props.setProperty("cascade.oosThreshold", Double.toString(c.oosThreshold()));
                props.setProperty("cascade.encodeBelow", Double.toString(c.encodeBelow()));
                if (model.refusal().isPresent()) {
                    model.refusal().get().write(tmp.resolve(REFUSAL_FILE));
                }
            }
            try (OutputStream out = Files.newOutputStream(tmp.resolve(PROPERTIES_FILE))) {
                props.store(out, "SupportFlow NLU intent model");
            }
            move(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model " + version, e);
        }
    }

    public IntentModel load(String version, KoreanMorphemes morphemes) {
        if (!isValidVersion(version) || !Files.isDirectory(models.resolve(version))) {
            throw new ModelNotFoundException(version);
        }
        Path dir = models.resolve(version);
        try {
            IntentModel.ModelInfo info = readInfo(dir);
            AbstractModel maxent = new GenericModelReader(dir.resolve(MODEL_FILE).toFile()).getModel();
            TfIdfVectorizer vectorizer = TfIdfVectorizer.read(dir.resolve(VOCABULARY_FILE));
            FeatureExtractor extractor = new FeatureExtractor(FeatureSet.parse(info.features()), morphemes);
            IntentModel.Cascade cascade = null;
            if (Files.exists(dir.resolve(DENSE_FILE))) {
                Properties props = new Properties();
                try (InputStream in = Files.newInputStream(dir.resolve(PROPERTIES_FILE))) {
                    props.load(in);
                }
                cascade = new IntentModel.Cascade(DenseSoftmax.read(dir.resolve(DENSE_FILE)),
                        Double.parseDouble(props.getProperty("cascade.fusionWeight")),
                        Double.parseDouble(props.getProperty("cascade.temperature")),
                        Double.parseDouble(props.getProperty("cascade.oosThreshold")),
                        Double.parseDouble(props.getProperty("cascade.encodeBelow")));
            }
            OutOfScopeRefusal refusal = cascade != null && Files.exists(dir.resolve(REFUSAL_FILE))
                    ? OutOfScopeRefusal.read(dir.resolve(REFUSAL_FILE)) : null;
            return new IntentModel(info, extractor, vectorizer, maxent, cascade, refusal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model " + version, e);
        }
    }

    public Optional<IntentModel.ModelInfo> info(String version) {
        if (!isValidVersion(version) || !Files.isDirectory(models.resolve(version))) {
            return Optional.empty();
        }
        try {
            return Optional.of(readInfo(models.resolve(version)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every stored version, newest first (by creation time in the metadata, then name). */
    public List<IntentModel.ModelInfo> list() {
        List<IntentModel.ModelInfo> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(models, Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.startsWith(".") && Files.exists(dir.resolve(PROPERTIES_FILE))) {
                    out.add(readInfo(dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing((IntentModel.ModelInfo i) -> i.metadata().getOrDefault("createdAt", ""))
                .thenComparing(IntentModel.ModelInfo::version).reversed());
        return out;
    }

    public synchronized Optional<String> current() {
        Path file = root.resolve("CURRENT");
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String version = Files.readString(file, StandardCharsets.UTF_8).strip();
            return isValidVersion(version) && Files.isDirectory(models.resolve(version))
                    ? Optional.of(version) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void activate(String version) {
        if (!isValidVersion(version) || !Files.isDirectory(models.resolve(version))) {
            throw new ModelNotFoundException(version);
        }
        try {
            Path tmp = Files.createTempFile(root, ".current", ".tmp");
            Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
            move(tmp, root.resolve("CURRENT"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a stored version (never the active one); {@code false} when it is the active one or unknown. */
    public synchronized boolean delete(String version) {
        if (!isValidVersion(version) || !Files.isDirectory(models.resolve(version))
                || version.equals(current().orElse(null))) {
            return false;
        }
        deleteRecursively(models.resolve(version));
        return true;
    }

    /** Deletes the oldest versions beyond {@code keep}, never the active one. */
    public synchronized void prune(int keep) {
        String active = current().orElse(null);
        List<IntentModel.ModelInfo> all = list();
        for (int i = keep; i < all.size(); i++) {
            String version = all.get(i).version();
            if (!version.equals(active)) {
                deleteRecursively(models.resolve(version));
            }
        }
    }

    private static IntentModel.ModelInfo readInfo(Path dir) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(PROPERTIES_FILE))) {
            props.load(in);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(META_PREFIX)) {
                meta.put(key.substring(META_PREFIX.length()), props.getProperty(key));
            }
        }
        return new IntentModel.ModelInfo(props.getProperty("version"), props.getProperty("features"),
                Double.parseDouble(props.getProperty("temperature", "1.0")),
                Double.parseDouble(props.getProperty("oosThreshold", "0.0")), meta);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
