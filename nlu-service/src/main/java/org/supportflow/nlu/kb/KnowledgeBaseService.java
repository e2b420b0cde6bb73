package org.supportflow.nlu.kb;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.supportflow.nlu.config.NluConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live knowledge base. From {@code nlu.kb.dir} ({@code NLU_KB_DIR}) when set, else the active domain
 * bundle's answers. The directory's {@code faq-*.json} files are checked for changes (names, sizes,
 * modification times) every {@code nlu.kb.check-interval}, and {@link #reload()} (POST
 * /api/v1/nlu/kb/reload) reloads on demand. A broken edit never replaces a working snapshot.
 */
@Startup
@ApplicationScoped
public class KnowledgeBaseService {

    private static final Logger LOG = Logger.getLogger(KnowledgeBaseService.class);

    /** What a reload did. */
    public record ReloadResult(boolean changed, String version, int answers, String source) {
    }

    private final KnowledgeBaseLoader loader = new KnowledgeBaseLoader();
    private final Optional<Path> directory;
    private final AtomicReference<KnowledgeBase> current = new AtomicReference<>(KnowledgeBase.empty());
    private volatile Map<String, String> fingerprint = Map.of();

    @Inject
    public KnowledgeBaseService(NluConfig config) {
        this(config.kb().dir().filter(d -> !d.isBlank()).map(d -> Path.of(d).toAbsolutePath().normalize()));
    }

    /** A service on a directory, or on the classpath copy when empty. */
    public KnowledgeBaseService(Optional<Path> directory) {
        this.directory = directory;
    }

    private volatile java.util.function.Supplier<KnowledgeBase> domainAnswers = KnowledgeBase::empty;

    @PostConstruct
    void start() {
        if (directory.isEmpty()) {
            LOG.infof("answers from the active domain bundle");
            return;
        }
        ReloadResult result = reload();
        LOG.infof("knowledge base %s loaded from %s (%d answers)", result.version(), result.source(), result.answers());
    }

    /** Where the answers come from without a directory: the active domain's bundle. */
    public void answersFromDomain(java.util.function.Supplier<KnowledgeBase> answers) {
        this.domainAnswers = answers;
    }

    /** The directory's answers when {@code nlu.kb.dir} is set: they replace the bundle's. */
    public Optional<KnowledgeBase> override() {
        return directory.isPresent() ? Optional.of(current.get()) : Optional.empty();
    }

    public KnowledgeBase current() {
        return directory.isPresent() ? current.get() : domainAnswers.get();
    }

    /** Loads the files now; keeps the previous snapshot and throws if they are invalid. */
    public synchronized ReloadResult reload() {
        if (directory.isEmpty()) {
            KnowledgeBase kb = current();
            return new ReloadResult(false, kb.version(), kb.size(), kb.source());
        }
        try {
            Map<String, String> print = directory.isPresent() ? fingerprint(directory.get()) : Map.of();
            KnowledgeBase loaded = directory.isPresent() ? loader.loadDirectory(directory.get()) : loader.loadClasspath();
            KnowledgeBase previous = current.getAndSet(loaded);
            fingerprint = print;
            boolean changed = !previous.version().equals(loaded.version());
            if (changed && !"empty".equals(previous.version())) {
                LOG.infof("knowledge base reloaded: %s -> %s", previous.version(), loaded.version());
            }
            return new ReloadResult(changed, loaded.version(), loaded.size(), loaded.source());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge base", e);
        }
    }

    @Scheduled(every = "${nlu.kb.check-interval}", delayed = "${nlu.kb.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        reloadIfChanged();
    }

    /**
     * Reloads when a file of the directory was added, removed or modified since the last load.
     * A broken edit is reported once (not on every check) and the previous snapshot stays.
     *
     * @return {@code true} when a new snapshot was loaded
     */
    public synchronized boolean reloadIfChanged() {
        if (directory.isEmpty()) {
            return false;
        }
        Map<String, String> print;
        try {
            print = fingerprint(directory.get());
        } catch (IOException e) {
            LOG.errorf("cannot list the knowledge base directory: %s", e.getMessage());
            return false;
        }
        if (print.equals(fingerprint)) {
            return false;
        }
        try {
            return reload().changed();
        } catch (RuntimeException e) {
            fingerprint = print;
            LOG.errorf("knowledge base files changed but cannot be loaded, keeping %s: %s", current.get().version(),
                    e.getMessage());
            return false;
        }
    }

    private static Map<String, String> fingerprint(Path dir) throws IOException {
        Map<String, String> print = new LinkedHashMap<>();
        for (Path file : KnowledgeBaseLoader.files(dir)) {
            FileTime modified = Files.getLastModifiedTime(file);
            print.put(file.getFileName().toString(), modified.toMillis() + ":" + Files.size(file));
        }
        return print;
    }
}
