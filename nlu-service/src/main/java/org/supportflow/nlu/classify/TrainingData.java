package org.supportflow.nlu.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the intent data files: one example per line, {@code <intent>\t<text>}; blank lines and lines
 * starting with {@code #} are ignored. A malformed line fails loudly with its line number (without
 * echoing the text).
 */
public final class TrainingData {

    private TrainingData() {
    }

    public static List<LabeledText> fromClasspath(String resource) {
        InputStream in = TrainingData.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("training data not found on the classpath: " + resource);
        }
        try (in) {
            return parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<LabeledText> fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<LabeledText> parse(InputStream in, String source) throws IOException {
        List<LabeledText> out = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                throw new IllegalArgumentException(source + ":" + number + ": expected <intent>\\t<text>");
            }
            out.add(new LabeledText(line.substring(0, tab).strip(), line.substring(tab + 1).strip()));
        }
        return out;
    }
}
