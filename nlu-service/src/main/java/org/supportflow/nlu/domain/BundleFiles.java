package org.supportflow.nlu.domain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The files of a domain bundle by name ({@code domain.json}, {@code train-ko.tsv}, {@code faq-en.json}, ...),
 * wherever they came from: a directory, the classpath, an uploaded zip archive. A bundle is flat: names are
 * plain file names; a zip whose files all sit in one top directory is accepted as well.
 */
public final class BundleFiles {

    /** The largest bundle accepted, all files together. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    public static final int MAX_FILES = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Map<String, byte[]> files;
    private final String source;

    public BundleFiles(Map<String, byte[]> files, String source) {
        this.files = new TreeMap<>(files);
        this.source = source;
    }

    public String source() {
        return source;
    }

    public Optional<byte[]> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    public Map<String, byte[]> all() {
        return java.util.Collections.unmodifiableMap(files);
    }

    /** SHA-256 over names and contents, in name order: the same files give the same hash. */
    public String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BundleFiles fromDirectory(Path directory) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (NAME.matcher(name).matches() && !name.startsWith(".")) {
                    files.put(name, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new BundleException("cannot read the bundle directory " + directory + ": " + e.getMessage());
        }
        checkSize(files);
        return new BundleFiles(files, directory.toString());
    }

    /**
     * A bundle shipped on the classpath under {@code base} (e.g. {@code domains/shop/}): its {@code domain.json}
     * and the files the format names for its languages.
     */
    public static BundleFiles fromClasspath(String base, List<String> names) {
        String prefix = base.endsWith("/") ? base : base + "/";
        Map<String, byte[]> files = new TreeMap<>();
        for (String name : names) {
            try (InputStream in = BundleFiles.class.getClassLoader().getResourceAsStream(prefix + name)) {
                if (in != null) {
                    files.put(name, in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!files.containsKey(DomainBundle.DOMAIN_FILE)) {
            throw new BundleException("no " + DomainBundle.DOMAIN_FILE + " on the classpath under " + prefix);
        }
        return new BundleFiles(files, "classpath:" + prefix);
    }

    /** An uploaded zip archive; refuses what is too large, nested or not a plain file name. */
    public static BundleFiles fromZip(byte[] zip, String source) {
        Map<String, byte[]> files = new TreeMap<>();
        String commonDir = null;
        boolean first = true;
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String path = entry.getName();
                if (entry.isDirectory() || path.startsWith("__MACOSX/") || path.endsWith("/.DS_Store")
                        || path.equals(".DS_Store")) {
                    continue;
                }
                int slash = path.lastIndexOf('/');
                String dir = slash < 0 ? "" : path.substring(0, slash + 1);
                String name = path.substring(slash + 1);
                if (dir.indexOf('/') != dir.length() - 1 && !dir.isEmpty()) {
                    throw new BundleException(path + ": a bundle is one directory of files, no sub-directories");
                }
                if (first) {
                    commonDir = dir;
                    first = false;
                } else if (!dir.equals(commonDir)) {
                    throw new BundleException(path + ": every file of the archive must be in the same directory");
                }
                if (!NAME.matcher(name).matches()) {
                    throw new BundleException(path + ": not an acceptable file name");
                }
                if (files.size() >= MAX_FILES) {
                    throw new BundleException("more than " + MAX_FILES + " files in the archive");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new BundleException("the bundle is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
                    }
                    out.write(buffer, 0, n);
                }
                if (files.put(name, out.toByteArray()) != null) {
                    throw new BundleException(path + ": twice in the archive");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException("not a readable zip archive");
        }
        if (files.isEmpty()) {
            throw new BundleException("not a zip archive with the bundle's files");
        }
        return new BundleFiles(files, source);
    }

    /** The files as a zip archive (stored in name order, so the same files give the same bytes). */
    public byte[] toZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            out.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(0L);
                out.putNextEntry(entry);
                out.write(file.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the files into a directory (created if needed). */
    public void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(directory.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkSize(Map<String, byte[]> files) {
        long total = files.values().stream().mapToLong(b -> b.length).sum();
        if (total > MAX_BYTES || files.size() > MAX_FILES) {
            throw new BundleException("the bundle is larger than " + MAX_BYTES / (1024 * 1024) + " MB or "
                    + MAX_FILES + " files");
        }
    }
}
