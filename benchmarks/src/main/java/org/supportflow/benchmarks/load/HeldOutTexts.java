package org.supportflow.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Customer texts of one language from the project's held-out NLU set ({@code <intent>\t<text>} lines, {@code #}
 * comments): text the models never trained on, so the NLU does the work real traffic makes it do. Read from
 * nlu-service at run time, never copied into the benchmarks. Requests for a person (intent
 * {@value #HANDOFF_INTENT}) are kept apart: the driver sends them at its own share, not at the set's.
 */
record HeldOutTexts(List<String> everyday, List<String> handoff) {

    static final String HANDOFF_INTENT = "human_agent";

    HeldOutTexts {
        everyday = List.copyOf(everyday);
        handoff = List.copyOf(handoff);
        if (everyday.isEmpty() || handoff.isEmpty()) {
            throw new IllegalArgumentException("held-out texts need everyday questions and requests for a person ("
                    + everyday.size() + " and " + handoff.size() + ")");
        }
    }

    static HeldOutTexts read(Path tsv) {
        try {
            return parse(Files.readAllLines(tsv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read held-out texts " + tsv, e);
        }
    }

    static HeldOutTexts parse(List<String> lines) {
        List<String> everyday = new ArrayList<>();
        List<String> handoff = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                throw new IllegalArgumentException("not <intent>\\t<text>: " + line);
            }
            String text = line.substring(tab + 1).strip();
            (line.substring(0, tab).equals(HANDOFF_INTENT) ? handoff : everyday).add(text);
        }
        return new HeldOutTexts(everyday, handoff);
    }
}
