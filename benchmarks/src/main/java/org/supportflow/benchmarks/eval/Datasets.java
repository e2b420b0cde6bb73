package org.supportflow.benchmarks.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.supportflow.nlu.classify.LabeledText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers for the public intent data sets under {@code ../shared/datasets} (read in place, never
 * copied): BANKING77 ({@code train.csv}/{@code test.csv}, columns text,category) and CLINC150
 * ({@code data_full.json}: train, val, test, oos_train, oos_val, oos_test as [text, intent] pairs).
 */
public final class Datasets {

    public static final String OOS = "out_of_scope";

    private Datasets() {
    }

    /** The datasets folder: {@code $SUPPORTFLOW_DATASETS}, else {@code ../shared/datasets} from the repo root. */
    public static Path root(Path repoRoot) {
        String env = System.getenv("SUPPORTFLOW_DATASETS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return repoRoot.resolve("../shared/datasets").normalize();
    }

    public static List<LabeledText> banking77(Path root, String split) throws IOException {
        Path file = root.resolve("banking77").resolve(split + ".csv");
        List<LabeledText> out = new ArrayList<>();
        List<List<String>> rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() >= 2 && !row.get(0).isBlank()) {
                out.add(new LabeledText(row.get(row.size() - 1).strip(), row.get(0).strip()));
            }
        }
        return out;
    }

    /** All six CLINC150 splits of {@code data_full.json}; out-of-scope examples are labelled {@link #OOS}. */
    public static Map<String, List<LabeledText>> clinc150(Path root) throws IOException {
        JsonNode json = new ObjectMapper().readTree(root.resolve("clinc150").resolve("data_full.json").toFile());
        Map<String, List<LabeledText>> splits = new LinkedHashMap<>();
        for (String split : List.of("train", "val", "test", "oos_train", "oos_val", "oos_test")) {
            List<LabeledText> examples = new ArrayList<>();
            for (JsonNode pair : json.path(split)) {
                String label = split.startsWith("oos") ? OOS : pair.get(1).asText();
                examples.add(new LabeledText(label, pair.get(0).asText()));
            }
            splits.put(split, examples);
        }
        return splits;
    }

    /**
     * HWU64's KFold_1 split ({@code trainset/} or {@code testset/csv/}): one {@code ;}-separated file per intent;
     * the label is {@code scenario_intent} and the text {@code answer_from_anno}, as the published few-shot
     * scripts read it.
     */
    public static List<LabeledText> hwu64(Path root, String split) throws IOException {
        Path dir = root.resolve("hwu64").resolve("KFold_1")
                .resolve(split.equals("train") ? Path.of("trainset") : Path.of("testset", "csv"));
        List<LabeledText> out = new ArrayList<>();
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            List<List<String>> rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8), ';');
            for (int i = 1; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                if (row.size() >= 5 && !row.get(4).isBlank()) {
                    out.add(new LabeledText(row.get(1).strip() + "_" + row.get(2).strip(), row.get(4).strip()));
                }
            }
        }
        return out;
    }

    /** Minimal RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String content) {
            return parse(content, ',');
        }

        static List<List<String>> parse(String content, char delimiter) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < content.length() && content.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == delimiter) {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (!field.isEmpty() || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
