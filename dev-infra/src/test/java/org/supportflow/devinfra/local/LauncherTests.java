package org.supportflow.devinfra.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherTests {

    @Test
    void readyFileHoldsOneKeyValueLinePerEntryAndReplacesAnOlderOne(@TempDir Path dir) throws Exception {
        Path ready = dir.resolve("state").resolve("kafka.ready");
        Launcher.writeReadyFile(ready, Map.of("bootstrap", "127.0.0.1:1"));

        Map<String, String> values = new LinkedHashMap<>();
        values.put("bootstrap", "127.0.0.1:9092");
        values.put("pid", "42");
        Launcher.writeReadyFile(ready, values);

        assertThat(Files.readAllLines(ready)).containsExactly("bootstrap=127.0.0.1:9092", "pid=42");
        try (var files = Files.list(ready.getParent())) {
            assertThat(files).containsExactly(ready); // no temporary file left behind
        }
    }

    @Test
    void aServerThatStopsByItselfIsAFailure() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        int status = Launcher.runUntilStopped("test", () -> closed.set(true), () -> false);

        assertThat(status).isEqualTo(Launcher.FAILED);
        assertThat(closed).isFalse(); // nothing to close: it had stopped already
    }

    @Test
    void describeNamesTheCauses() {
        var failure = new IllegalStateException("cannot start", new java.io.IOException("disk full"));

        assertThat(Launcher.describe(failure)).isEqualTo("cannot start\n  caused by IOException: disk full");
    }
}
