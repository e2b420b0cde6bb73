package org.supportflow.devinfra.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local platform owns what it starts, even after its launcher is killed with SIGKILL: the broker is
 * started exactly as {@code deploy/local/up.sh} starts it ({@code sf_start_kafka} of {@code lib.sh}), then
 * its launcher is killed; {@code status.sh} must report the orphaned broker by its own pid (not the dead
 * launcher's as "ready"), and {@code down.sh kafka} must leave neither the broker nor its ports behind.
 */
class LauncherCrashTests {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path localDir;

    private ProcessHandle broker;

    @AfterEach
    void killWhatIsLeft() {
        if (broker != null && broker.isAlive()) {
            broker.destroyForcibly();
        }
    }

    @Test
    void downStopsTheBrokerWhoseLauncherWasKilled() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Map<String, String> env = Map.of(
                "SUPPORTFLOW_LOCAL_DIR", localDir.toString(),
                "SUPPORTFLOW_KAFKA_PORT", String.valueOf(port),
                "SUPPORTFLOW_KAFKA_CONTROLLER_PORT", String.valueOf(controllerPort),
                "NO_COLOR", "1");
        Script started = script(env, "bash", "-c", ". deploy/local/lib.sh && sf_select_java >/dev/null && sf_start_kafka"
                + " && sf_wait_ready_file Kafka \"$SF_KAFKA_READY\" 240 \"$SF_KAFKA_LOG\" \"$SF_KAFKA_PID\"");
        assertThat(started.exit()).as(started.output()).isZero();
        long launcherPid = Long.parseLong(Files.readString(localDir.resolve("pids/kafka.pid")).trim());
        long brokerPid = Long.parseLong(readyValue(localDir.resolve("state/kafka.ready"), "pid"));
        broker = ProcessHandle.of(brokerPid).orElseThrow();
        ProcessHandle launcher = ProcessHandle.of(launcherPid).orElseThrow();

        launcher.destroyForcibly(); // SIGKILL: no shutdown hook closes the broker
        awaitTrue("the launcher dies", () -> !launcherListedBy(env, launcherPid));

        assertThat(broker.isAlive()).as("the broker outlives its launcher (what this test is about)").isTrue();
        Script status = script(env, "bash", "deploy/local/status.sh");
        String kafkaRow = status.output().lines().filter(line -> line.trim().startsWith("kafka ")).findFirst()
                .orElseThrow(() -> new AssertionError("no kafka row in:\n" + status.output()));
        assertThat(kafkaRow).as(status.output()).contains("launcher gone").contains(String.valueOf(brokerPid))
                .doesNotContain(String.valueOf(launcherPid));
        assertThat(status.exit()).as("an unsupervised broker is not a healthy platform\n" + status.output())
                .isEqualTo(1);

        Script down = script(env, "bash", "deploy/local/down.sh", "kafka");

        assertThat(down.exit()).as(down.output()).isZero();
        awaitTrue("the broker is stopped", () -> !broker.isAlive());
        assertThat(listening(port)).as("Kafka's port after down.sh").isFalse();
        assertThat(listening(controllerPort)).as("the controller's port after down.sh").isFalse();
        Script after = script(env, "bash", "deploy/local/status.sh");
        assertThat(after.output()).containsPattern("(?m)^\\s+kafka\\s+stopped\\s");
    }

    private record Script(int exit, String output) {
    }

    private Script script(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(localDir, "script", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(REPO.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish:\n" + Files.readString(output));
        }
        return new Script(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Whether {@code ps} still lists the launcher as a live process of ours (a zombie does not count). */
    private boolean launcherListedBy(Map<String, String> env, long launcherPid) throws Exception {
        Script pids = script(env, "bash", "-c", ". deploy/local/lib.sh && sf_component_pids kafka");
        return pids.output().lines().anyMatch(line -> line.trim().equals(String.valueOf(launcherPid)));
    }

    private static String readyValue(Path readyFile, String key) throws IOException {
        return Files.readAllLines(readyFile).stream().filter(line -> line.startsWith(key + "="))
                .map(line -> line.substring(key.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + readyFile));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
