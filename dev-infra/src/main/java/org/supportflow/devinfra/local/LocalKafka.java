package org.supportflow.devinfra.local;

import org.supportflow.devinfra.kafka.KafkaBroker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the local platform's Kafka broker (KRaft, one node) in the foreground until it is told to stop;
 * {@code deploy/local/up.sh} starts it in the background and {@code down.sh} stops it with SIGTERM, which
 * shuts the broker down cleanly.
 *
 * <pre>
 * LocalKafka --dir target/local/kafka --port 9092 --controller-port 9093
 *            --log target/local/logs/kafka.log --ready-file target/local/state/kafka.ready
 * </pre>
 *
 * The storage under {@code --dir} is formatted on first start and kept afterwards. Once the broker answers,
 * the ready file holds {@code bootstrap=127.0.0.1:<port>} and the broker's {@code pid}.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) {
        Launcher.exit("kafka", () -> run(LaunchArgs.parse(List.of(args))));
    }

    private static int run(LaunchArgs args) throws InterruptedException {
        Path dir = args.path("dir");
        int port = args.port("port");
        int controllerPort = args.port("controller-port");
        Path log = args.path("log");
        Path readyFile = args.path("ready-file");
        if (port == controllerPort) {
            throw new IllegalArgumentException("--port and --controller-port must differ");
        }
        Launcher.deleteQuietly(readyFile);

        KafkaBroker broker = KafkaBroker.start(dir, port, controllerPort, log);
        Launcher.writeReadyFile(readyFile, Map.of(
                "bootstrap", broker.bootstrapServers(),
                "pid", String.valueOf(broker.pid())));
        System.out.println("kafka: broker ready on " + broker.bootstrapServers() + " (pid " + broker.pid() + ")");
        return Launcher.runUntilStopped("kafka", broker, broker::isAlive);
    }
}
