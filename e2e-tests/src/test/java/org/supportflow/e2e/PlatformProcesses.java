package org.supportflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local platform's processes as an operator sees them: the JVM that listens on a port (not a launcher),
 * killed with SIGKILL, and the component's processes as {@code deploy/local/lib.sh} counts them.
 */
final class PlatformProcesses {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private PlatformProcesses() {
    }

    /** SIGKILL to the process listening on {@code port} on 127.0.0.1; returns its pid. */
    static long killListener(int port) {
        long pid = listener(port);
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("pid " + pid + " on port " + port + " is gone"));
        process.destroyForcibly();
        return pid;
    }

    /** The pid of the process listening on {@code port}, from {@code ss -ltnp}. */
    static long listener(int port) {
        String listing = output(List.of("ss", "-Hltnp", "sport = :" + port));
        Matcher pid = PID.matcher(listing);
        if (!pid.find()) {
            throw new IllegalStateException("nothing listens on port " + port + ": " + listing);
        }
        return Long.parseLong(pid.group(1));
    }

    /**
     * Waits until no process of a component (e.g. {@code kafka}, {@code gateway-service}) is left, as up.sh
     * counts them: a launcher still exiting after its server's death would pass for a running component.
     */
    static void awaitGone(String component, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String left;
        while (!(left = output(List.of("bash", "-c", ". deploy/local/lib.sh && sf_component_pids " + component)))
                .isBlank()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(component + " still has processes " + left.strip() + " after "
                        + timeout);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** Runs a command in the repository; fails with its output unless it exits with 0. */
    static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(LocalPlatform.repo().toFile())
                    .redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with " + process.exitValue() + ": " + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command in the repository and returns what it printed, whatever its exit code. */
    static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(LocalPlatform.repo().toFile())
                    .redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
