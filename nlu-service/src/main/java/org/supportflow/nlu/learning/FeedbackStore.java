package org.supportflow.nlu.learning;

import org.supportflow.contracts.privacy.Erased;
import org.supportflow.contracts.privacy.PiiMasker;
import org.supportflow.nlu.classify.LabeledText;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Agents' corrections as training data, appended to {@code <model dir>/feedback/feedback.tsv}: one line
 * per correction, {@code <intent>\t<language>\t<eventId>\t<conversationId>\t<masked text>} (lines written
 * before the conversation id was kept have four columns and no id). Only masked text is stored (it is
 * masked again here, in case a producer missed something), but masked text is still the customer's own
 * words, so the conversation id is kept for erasure: {@link #eraseConversations} replaces the text of every
 * correction from those conversations by {@link Erased#MARKER} (the correction stays countable) and
 * remembers the conversations in {@code erased-conversations.txt}, so a correction that arrives later for
 * one of them is stored erased too. Erased corrections are no training data. A redelivered event (same
 * event id) is stored once.
 */
public final class FeedbackStore {

    /** One stored correction; {@code conversationId} is empty for corrections stored before it was kept. */
    public record Correction(String intent, String language, String eventId, String conversationId,
                             String maskedText) {

        public boolean erased() {
            return Erased.MARKER.equals(maskedText);
        }
    }

    private final Path file;
    private final Path erasedFile;
    private final PiiMasker masker;
    private final List<Correction> corrections = new ArrayList<>();
    private final Set<String> eventIds = new HashSet<>();
    private final Set<String> erasedConversations = new HashSet<>();

    public FeedbackStore(Path modelDir, PiiMasker masker) {
        this.file = modelDir.resolve("feedback").resolve("feedback.tsv");
        this.erasedFile = modelDir.resolve("feedback").resolve("erased-conversations.txt");
        this.masker = masker;
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(erasedFile)) {
                Files.readAllLines(erasedFile, StandardCharsets.UTF_8).stream().map(String::strip)
                        .filter(id -> !id.isEmpty()).forEach(erasedConversations::add);
            }
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Correction correction = parse(line);
                    if (correction != null) {
                        corrections.add(correction);
                        eventIds.add(correction.eventId());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feedback store", e);
        }
    }

    /**
     * Appends a correction; {@code false} when the event was already stored or carries no text. A
     * correction from an erased conversation is stored with the erasure marker instead of its text.
     */
    public synchronized boolean append(String eventId, String conversationId, String language, String correctedIntent,
                                       String maskedText) {
        String id = clean(eventId == null || eventId.isBlank() ? "none-" + corrections.size() : eventId);
        String conversation = clean(Objects.requireNonNullElse(conversationId, ""));
        String text = clean(masker.maskText(maskedText == null ? "" : maskedText));
        String intent = clean(correctedIntent);
        if (text.isBlank() || intent.isBlank() || eventIds.contains(id)) {
            return false;
        }
        if (erasedConversations.contains(conversation)) {
            text = Erased.MARKER;
        }
        Correction correction = new Correction(intent, clean(language == null ? "" : language), id, conversation, text);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(format(correction));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the feedback store", e);
        }
        corrections.add(correction);
        eventIds.add(id);
        return true;
    }

    /**
     * Replaces the text of every correction from these conversations by {@link Erased#MARKER}, on disk
     * (the file is rewritten and moved into place) and in memory, and remembers the conversations.
     * Idempotent.
     *
     * @return how many corrections had their text erased by this call
     */
    public synchronized int eraseConversations(Collection<String> conversationIds) {
        Set<String> ids = new HashSet<>();
        conversationIds.stream().filter(Objects::nonNull).map(FeedbackStore::clean).filter(id -> !id.isEmpty())
                .forEach(ids::add);
        if (ids.isEmpty()) {
            return 0;
        }
        List<Correction> updated = new ArrayList<>(corrections.size());
        int erased = 0;
        for (Correction c : corrections) {
            if (ids.contains(c.conversationId()) && !c.erased()) {
                updated.add(new Correction(c.intent(), c.language(), c.eventId(), c.conversationId(), Erased.MARKER));
                erased++;
            } else {
                updated.add(c);
            }
        }
        try {
            // The conversations first: a crash between the two writes leaves them remembered, and the
            // next erasure request (or its redelivery) rewrites the corrections.
            Set<String> remembered = new HashSet<>(erasedConversations);
            if (remembered.addAll(ids)) {
                replace(erasedFile, String.join("\n", remembered) + "\n");
            }
            if (erased > 0) {
                StringBuilder content = new StringBuilder();
                updated.forEach(c -> content.append(format(c)));
                replace(file, content.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot erase from the feedback store", e);
        }
        erasedConversations.addAll(ids);
        corrections.clear();
        corrections.addAll(updated);
        return erased;
    }

    /**
     * What a model is trained from, taken at once: the usable examples, how many corrections were stored then
     * ({@code stored}, erased ones included: corrections keep their place, new ones are appended) and how many of
     * them were erased then. A model that learnt from this snapshot holds erased words once
     * {@link #erasedAmongFirst(int) erasedAmongFirst(stored)} exceeds {@code erased}.
     */
    public record Snapshot(List<LabeledText> examples, int stored, int erased) {
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(examples(), corrections.size(), erasedAmongFirst(corrections.size()));
    }

    /** How many of the first {@code count} stored corrections are erased now (erasure is never undone). */
    public synchronized int erasedAmongFirst(int count) {
        return (int) corrections.stream().limit(Math.max(0, count)).filter(Correction::erased).count();
    }

    /** Corrections usable as training data (erased ones are not). */
    public synchronized int size() {
        return (int) corrections.stream().filter(c -> !c.erased()).count();
    }

    public synchronized List<Correction> corrections() {
        return List.copyOf(corrections);
    }

    /** The corrections as training examples; erased ones are left out. */
    public synchronized List<LabeledText> examples() {
        return corrections.stream().filter(c -> !c.erased()).map(c -> new LabeledText(c.intent(), c.maskedText()))
                .toList();
    }

    private static Correction parse(String line) {
        if (line.startsWith("#")) {
            return null;
        }
        String[] cols = line.split("\t", -1);
        if (cols.length == 4) {
            return new Correction(cols[0], cols[1], cols[2], "", cols[3]);
        }
        if (cols.length == 5) {
            return new Correction(cols[0], cols[1], cols[2], cols[3], cols[4]);
        }
        return null;
    }

    private static String format(Correction c) {
        return String.join("\t", c.intent(), c.language(), c.eventId(), c.conversationId(), c.maskedText()) + "\n";
    }

    private static void replace(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".txt");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String clean(String value) {
        return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').strip();
    }
}
