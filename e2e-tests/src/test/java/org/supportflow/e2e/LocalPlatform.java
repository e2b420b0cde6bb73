package org.supportflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The platform as a user runs it: {@code deploy/local/up.sh} and {@code deploy/local/down.sh} from the
 * repository root. Started once for the whole end-to-end suite.
 */
final class LocalPlatform {

    static final String GATEWAY = "http://127.0.0.1:8080";
    static final String NLU = "http://127.0.0.1:8081";
    static final String ROUTING = "http://127.0.0.1:8082";
    static final String TICKETS = "http://127.0.0.1:8083";
    static final String ANALYTICS = "http://127.0.0.1:8084";
    static final String KEYCLOAK = "http://127.0.0.1:8180";

    /** Settings the end-to-end run gives the services (environment variables honoured by their config). */
    static final Map<String, String> TEST_SETTINGS = Map.of(
            // The suite runs at any hour: agents are "in" unless a test says otherwise.
            "ROUTING_HOURS_OVERRIDE", "open",
            "SUPPORTFLOW_SKIP_BUILD", "1");

    private static boolean started;

    private LocalPlatform() {
    }

    static Path repo() {
        return Path.of(System.getProperty("supportflow.repo", "..")).toAbsolutePath().normalize();
    }

    static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        if (!Boolean.getBoolean("e2e.reuse-running-platform")) {
            Runtime.getRuntime().addShutdownHook(new Thread(LocalPlatform::stop, "local-platform-down"));
            int exit = run(List.of("bash", "deploy/local/up.sh"), 900);
            if (exit != 0) {
                String logs = logTails();
                stop();
                throw new IllegalStateException("deploy/local/up.sh failed with exit code " + exit + "\n" + logs);
            }
        }
        started = true;
        awaitReady();
    }

    /**
     * Every service ready, and one message through the whole pipeline: the first message after a start
     * waits for the consumer groups to settle, which no single test should have to absorb.
     */
    private static void awaitReady() {
        for (String service : List.of(GATEWAY, NLU, ROUTING, TICKETS, ANALYTICS)) {
            Http.Response ready = Http.get(service + "/q/health/ready", null);
            if (ready.status() != 200) {
                throw new IllegalStateException("not ready: " + service + " " + ready + "\n" + logTails());
            }
        }
        ChannelClient channel = new ChannelClient("demo-web");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Http.Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = channel.post(channel.message(ChannelClient.newId("warm"), ChannelClient.newId("warm-customer"),
                    "en-US", "REGULAR", "hello"), 4500);
            if (last.status() == 200) {
                return;
            }
        }
        throw new IllegalStateException("no bot reply within 120 s of the platform's start; last answer: " + last
                + "\n" + logTails());
    }

    static void stop() {
        if (Boolean.getBoolean("e2e.reuse-running-platform")) {
            return;
        }
        run(List.of("bash", "deploy/local/down.sh"), 180);
    }

    private static int run(List<String> command, int timeoutSeconds) {
        // The scripts' own output goes to a file beside the platform's logs; failures print its tail.
        Path output = repo().resolve("target/local/logs/e2e-platform-scripts.log");
        try {
            Files.createDirectories(output.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(TEST_SETTINGS);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The last lines of every log under target/local/logs, for a failure message. */
    static String logTails() {
        Path logs = repo().resolve("target/local/logs");
        if (!Files.isDirectory(logs)) {
            return "(no logs under " + logs + ")";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                out.append("==== ").append(file.getFileName()).append(" ====\n");
                lines.subList(Math.max(0, lines.size() - 30), lines.size())
                        .forEach(line -> out.append(line).append('\n'));
            }
        } catch (IOException | UncheckedIOException e) {
            out.append("(cannot read logs: ").append(e.getMessage()).append(")");
        }
        return out.toString();
    }
}
