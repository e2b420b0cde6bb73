package org.supportflow.nlu.kb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.supportflow.nlu.language.LanguageDetector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code faq-<lang>.json} files ({@code {"version","language","answers":[{"id","intent","keywords",
 * "text","quickReplies"}]}}) from a directory or the classpath and validates them: a broken file
 * fails the whole load with a message naming the file and the problem, so a reload keeps serving the
 * previous snapshot. The snapshot version combines each file's declared version with a content hash,
 * so an edit that forgets to bump the version is still visible.
 */
public final class KnowledgeBaseLoader {

    public static final String CLASSPATH_DIR = "domains/shop/";
    private static final List<String> CLASSPATH_FILES = List.of("faq-ko.json", "faq-en.json");

    record KbFile(String version, String language, List<KbAnswer> answers) {
    }

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Files of a directory that the loader reads: {@code faq-*.json}. */
    public static List<Path> files(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "faq-*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    public KnowledgeBase loadDirectory(Path directory) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (Path file : files(directory)) {
            contents.put(file.getFileName().toString(), Files.readAllBytes(file));
        }
        if (contents.isEmpty()) {
            throw new KnowledgeBaseException("no faq-*.json files in " + directory);
        }
        return parse(contents, directory.toString());
    }

    public KnowledgeBase loadClasspath() throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String name : CLASSPATH_FILES) {
            try (InputStream in = KnowledgeBaseLoader.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + name)) {
                if (in != null) {
                    contents.put(name, in.readAllBytes());
                }
            }
        }
        if (contents.isEmpty()) {
            throw new KnowledgeBaseException("no knowledge base on the classpath under " + CLASSPATH_DIR);
        }
        return parse(contents, "classpath:" + CLASSPATH_DIR);
    }

    public KnowledgeBase parse(Map<String, byte[]> contents, String source) {
        Map<String, Map<String, List<KbAnswer>>> byLanguage = new HashMap<>();
        Map<String, String> versions = new TreeMap<>();
        MessageDigest digest = sha256();
        for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
            String name = entry.getKey();
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(entry.getValue());
            KbFile file;
            try {
                file = mapper.readValue(entry.getValue(), KbFile.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new KnowledgeBaseException(name + ": not valid knowledge-base JSON at line "
                        + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + " (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new KnowledgeBaseException(name + ": unreadable");
            }
            validate(name, file);
            if (versions.containsKey(file.language())) {
                throw new KnowledgeBaseException(name + ": a second file for language " + file.language());
            }
            versions.put(file.language(), file.version());
            Map<String, List<KbAnswer>> byIntent = new HashMap<>();
            for (KbAnswer answer : file.answers()) {
                byIntent.computeIfAbsent(answer.intent(), k -> new ArrayList<>()).add(answer);
            }
            byIntent.replaceAll((k, v) -> List.copyOf(v));
            byLanguage.put(file.language(), Map.copyOf(byIntent));
        }
        StringBuilder version = new StringBuilder();
        versions.forEach((lang, v) -> version.append(version.isEmpty() ? "" : "+").append(lang).append(':').append(v));
        version.append('#').append(HexFormat.of().formatHex(digest.digest()), 0, 8);
        return new KnowledgeBase(version.toString(), Map.copyOf(byLanguage), Instant.now(), source);
    }

    private static void validate(String name, KbFile file) {
        if (file == null || file.language() == null || !LanguageDetector.SUPPORTED.contains(file.language())) {
            throw new KnowledgeBaseException(name + ": \"language\" must be one of " + LanguageDetector.SUPPORTED);
        }
        if (file.version() == null || file.version().isBlank()) {
            throw new KnowledgeBaseException(name + ": \"version\" is required");
        }
        if (file.answers() == null || file.answers().isEmpty()) {
            throw new KnowledgeBaseException(name + ": \"answers\" is empty");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.answers().size(); i++) {
            KbAnswer a = file.answers().get(i);
            String where = name + ": answers[" + i + "]";
            if (a == null || a.id() == null || a.id().isBlank() || a.intent() == null || a.intent().isBlank()) {
                throw new KnowledgeBaseException(where + ": \"id\" and \"intent\" are required");
            }
            if (a.text() == null || a.text().isBlank()) {
                throw new KnowledgeBaseException(where + " (" + a.id() + "): \"text\" is required");
            }
            if (!ids.add(a.id())) {
                throw new KnowledgeBaseException(where + ": duplicate id " + a.id());
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
