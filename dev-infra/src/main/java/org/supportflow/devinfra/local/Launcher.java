package org.supportflow.devinfra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What the local platform's launchers share: exit codes and messages the shell scripts understand, the
 * "ready" file that tells {@code up.sh} a server is up, and staying in the foreground until the server
 * stops or the process is told to stop.
 */
final class Launcher {

    /** The launcher did its job (a foreground server: it was told to stop). */
    static final int OK = 0;
    /** The server or the operation failed; the message says why. */
    static final int FAILED = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;

    private Launcher() {
    }

    @FunctionalInterface
    interface Body {
        int run() throws Exception;
    }

    /** Client libraries whose INFO logging (configuration dumps, connection chatter) drowns the launchers' output. */
    private static final List<Logger> QUIETED = Stream.of("org.apache.kafka", "io.zonky", "org.postgresql")
            .map(Logger::getLogger)
            .toList();

    /** Runs a launcher's body and exits with its status; failures become one clear line on stderr. */
    static void exit(String name, Body body) {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        int status;
        try {
            status = body.run();
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            status = USAGE;
        } catch (Exception e) {
            System.err.println(name + ": " + describe(e));
            status = FAILED;
        }
        System.out.flush();
        System.exit(status);
    }

    /**
     * Writes {@code key=value} lines to {@code file} atomically (readers never see half a file) and deletes
     * the file when this JVM exits, so that a ready file always belongs to a live server.
     */
    static void writeReadyFile(Path file, Map<String, String> values) {
        StringJoiner text = new StringJoiner("\n", "", "\n");
        values.forEach((key, value) -> text.add(key + "=" + value));
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            absolute.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("cannot delete " + file + ": " + e.getMessage());
        }
    }

    /**
     * Keeps this JVM, and with it {@code server}, running until the process is told to stop (SIGTERM,
     * SIGINT: the server is then closed cleanly by a shutdown hook) or the server stops on its own (then
     * this returns {@link #FAILED}).
     */
    static int runUntilStopped(String name, AutoCloseable server, BooleanSupplier alive) throws InterruptedException {
        Thread shutdown = new Thread(() -> {
            System.out.println(name + ": stopping");
            try {
                server.close();
                System.out.println(name + ": stopped");
            } catch (Exception e) {
                System.err.println(name + ": did not stop cleanly: " + describe(e));
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        while (alive.getAsBoolean()) {
            Thread.sleep(1_000);
        }
        // Stopped by itself (a shutdown in progress never gets here: the hook closes the server while
        // this thread sleeps, and the JVM halts once the hook is done).
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shuttingDown) {
            return OK;
        }
        System.err.println(name + ": the server stopped unexpectedly");
        return FAILED;
    }

    static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            message.append("\n  caused by ").append(cause.getClass().getSimpleName()).append(": ")
                    .append(cause.getMessage());
        }
        return message.toString();
    }
}
