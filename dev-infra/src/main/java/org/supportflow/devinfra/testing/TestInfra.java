package org.supportflow.devinfra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the tests get their servers. {@code SUPPORTFLOW_TEST_INFRA} (environment or system property):
 * <ul>
 *   <li>{@code native} — real servers from Maven artifacts, started by the tests themselves: the only
 *       option on machines without a Docker engine, and what CI exercises;</li>
 *   <li>{@code containers} — Testcontainers;</li>
 *   <li>{@code auto} (default) — containers when a Docker engine answers, native otherwise.</li>
 * </ul>
 */
public final class TestInfra {

    public enum Mode { NATIVE, CONTAINERS }

    private static final String SETTING = "SUPPORTFLOW_TEST_INFRA";

    private TestInfra() {
    }

    public static Mode mode() {
        String setting = setting(SETTING, "auto").toLowerCase(Locale.ROOT);
        return switch (setting) {
            case "native" -> Mode.NATIVE;
            case "containers" -> Mode.CONTAINERS;
            case "auto" -> dockerEngineAnswers() ? Mode.CONTAINERS : Mode.NATIVE;
            default -> throw new IllegalArgumentException(SETTING + " must be native, containers or auto, not "
                    + setting);
        };
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static boolean dockerEngineAnswers() {
        // Asking Testcontainers costs seconds on machines that only have the Docker client; look for an
        // engine's socket or an explicit DOCKER_HOST first.
        boolean hinted = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        if (!hinted) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A TCP port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Where test servers keep their files and logs: under the module's {@code target/}. */
    static Path workDir(String name) {
        try {
            Path base = Path.of("target", "test-infra");
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory under target/", e);
        }
    }
}
