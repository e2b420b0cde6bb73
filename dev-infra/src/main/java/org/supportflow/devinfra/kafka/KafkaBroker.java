package org.supportflow.devinfra.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run in a child JVM
 * from the {@code kafka_2.13} artifact that this module's build resolved. A child process rather than
 * in-JVM: the broker's Scala runtime and logging stay off the services' test classpath, and the same
 * launcher serves the tests and {@code deploy/local/up.sh}.
 *
 * <p>Storage is formatted with {@code kafka.tools.StorageTool} on first start, so a data directory
 * survives restarts of the local platform.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
    private static final String SHARED_CLASSPATH_RESOURCE = "shared-runtime.classpath";
    /**
     * Well under a minute on an idle 2-core machine; generous because build machines are shared and a broker that is
     * merely slow must not fail a build (a broker that exits is reported at once).
     */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Path workDir;
    private final int port;
    private final Path logFile;
    private final Process process;

    private KafkaBroker(Path workDir, int port, Path logFile, Process process) {
        this.workDir = workDir;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Formats (when new) and starts a broker listening on {@code 127.0.0.1:port}, its controller on
     * {@code controllerPort}; returns once the broker answers an admin request.
     *
     * @param workDir holds {@code server.properties} and the log directory {@code data/}
     * @param logFile where the broker's stdout and stderr go (appended)
     */
    public static KafkaBroker start(Path workDir, int port, int controllerPort, Path logFile) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Path config = writeConfig(workDir, port, controllerPort);
            String classpath = brokerClasspath();
            if (!Files.exists(workDir.resolve("data").resolve("meta.properties"))) {
                format(classpath, config, logFile);
            }
            Process process = new ProcessBuilder(javaCommand(classpath, "-Xms128m", "-Xmx768m",
                    "kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            KafkaBroker broker = new KafkaBroker(workDir, port, logFile, process);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + workDir, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path workDir() {
        return workDir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker: a clean shutdown first, killed if it takes longer than 30 seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue()
                        + "; last lines of " + logFile + ":\n" + tail(logFile));
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(Duration.ofMillis(300));
        }
        close();
        throw new IllegalStateException("the Kafka broker did not become ready within " + READY_TIMEOUT
                + "; last lines of " + logFile + ":\n" + tail(logFile), last);
    }

    private static Path writeConfig(Path workDir, int port, int controllerPort) throws IOException {
        String properties = String.join("\n",
                "# Written by org.supportflow.devinfra.kafka.KafkaBroker: one node, broker and controller.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + workDir.resolve("data").toAbsolutePath(),
                // Topics are created explicitly with their partition counts (Topics.allTopicNames()).
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") ;
        Path config = workDir.resolve("server.properties");
        Files.writeString(config, properties, StandardCharsets.UTF_8);
        return config;
    }

    private static void format(String classpath, Path config, Path logFile) throws IOException {
        Process format = new ProcessBuilder(javaCommand(classpath, "-Xmx256m", "kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(), "--ignore-formatted"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka storage failed; see " + logFile + ":\n"
                        + tail(logFile));
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting the Kafka storage", e);
        }
    }

    private static List<String> javaCommand(String classpath, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath);
        command.add("-Djava.awt.headless=true");
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The broker's classpath as resolved by this module's build (paths into the local Maven repository):
     * the jars only the broker needs, then the ones it shares with this module.
     */
    static String brokerClasspath() throws IOException {
        String classpath = readResource(CLASSPATH_RESOURCE) + java.io.File.pathSeparator
                + readResource(SHARED_CLASSPATH_RESOURCE);
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new IllegalStateException("Kafka broker jar not found: " + entry
                        + " (was the local Maven repository cleaned? rebuild dev-infra)");
            }
        }
        return classpath;
    }

    private static String readResource(String name) throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing: build dev-infra with Maven "
                        + "(its dependency plugin writes the Kafka broker's classpath)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }
}
