package org.supportflow.devinfra.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchArgsTests {

    @Test
    void readsOptionsWithSeparateOrInlineValues() {
        LaunchArgs args = LaunchArgs.parse(List.of("--dir", "target/local/kafka/", "--port=9092", "--partitions", "12"));

        assertThat(args.path("dir")).isEqualTo(Path.of("target/local/kafka"));
        assertThat(args.port("port")).isEqualTo(9092);
        assertThat(args.positiveInt("partitions", 6)).isEqualTo(12);
        assertThat(args.string("missing", "fallback")).isEqualTo("fallback");
        assertThat(args.port("controller-port", 9093)).isEqualTo(9093);
        assertThat(args.optional("missing")).isEmpty();
    }

    @Test
    void anEmptyInlineValueIsAValue() {
        assertThat(LaunchArgs.parse(List.of("--password=")).string("password")).isEmpty();
    }

    @Test
    void refusesMalformedCommandLines() {
        assertThatThrownBy(() -> LaunchArgs.parse(List.of("positional")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positional");
        assertThatThrownBy(() -> LaunchArgs.parse(List.of("--port")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> LaunchArgs.parse(List.of("--port", "1", "--port", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> LaunchArgs.parse(List.of("--", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesValuesOutOfRange() {
        assertThatThrownBy(() -> LaunchArgs.parse(List.of("--port", "70000")).port("port"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a TCP port");
        assertThatThrownBy(() -> LaunchArgs.parse(List.of("--port", "http")).port("port"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> LaunchArgs.parse(List.of("--partitions", "0")).positiveInt("partitions", 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> LaunchArgs.parse(List.of()).string("dir"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing option --dir");
    }
}
