package org.supportflow.nlu.learning;

import org.supportflow.nlu.classify.LabeledText;
import org.supportflow.contracts.privacy.PiiMasker;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Agents' corrections as training data, appended to {@code <model dir>/feedback/feedback.tsv}: one line
 * per correction, {@code <intent>\t<language>\t<eventId>\t<masked text>}. Only masked text is stored (it
 * is masked again here, in case a producer missed something) and nothing identifies the customer, so
 * an erasure request has nothing to delete here. A redelivered event (same event id) is stored once.
 */
public final class FeedbackStore {

    /** One stored correction. */
    public record Correction(String intent, String language, String eventId, String maskedText) {
    }

    private final Path file;
    private final PiiMasker masker;
    private final List<Correction> corrections = new ArrayList<>();
    private final Set<String> eventIds = new HashSet<>();

    public FeedbackStore(Path modelDir, PiiMasker masker) {
        this.file = modelDir.resolve("feedback").resolve("feedback.tsv");
        this.masker = masker;
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] cols = line.split("\t", 4);
                    if (cols.length == 4 && !line.startsWith("#")) {
                        corrections.add(new Correction(cols[0], cols[1], cols[2], cols[3]));
                        eventIds.add(cols[2]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feedback store", e);
        }
    }

    /** Appends a correction; {@code false} when the event was already stored or carries no text. */
    public synchronized boolean append(String eventId, String language, String correctedIntent, String maskedText) {
        String id = clean(eventId == null || eventId.isBlank() ? "none-" + corrections.size() : eventId);
        String text = clean(masker.maskText(maskedText == null ? "" : maskedText));
        String intent = clean(correctedIntent);
        if (text.isBlank() || intent.isBlank() || eventIds.contains(id)) {
            return false;
        }
        String lang = clean(language == null ? "" : language);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(String.join("\t", intent, lang, id, text));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the feedback store", e);
        }
        corrections.add(new Correction(intent, lang, id, text));
        eventIds.add(id);
        return true;
    }

    public synchronized int size() {
        return corrections.size();
    }

    public synchronized List<Correction> corrections() {
        return List.copyOf(corrections);
    }

    /** The corrections as training examples. */
    public synchronized List<LabeledText> examples() {
        return corrections.stream().map(c -> new LabeledText(c.intent(), c.maskedText())).toList();
    }

    private static String clean(String value) {
        return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').strip();
    }
}
