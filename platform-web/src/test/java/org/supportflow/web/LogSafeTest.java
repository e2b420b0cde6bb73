package org.supportflow.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTest {

    @Test
    void crAndLfCannotStartANewLogLine() {
        String forged = LogSafe.id("cust-1\r\n12:00:00 INFO  [admin] granted");
        assertThat(forged).doesNotContain("\r").doesNotContain("\n")
                .isEqualTo("cust-1\\u000d\\u000a12:00:00 INFO  [admin] granted");
    }

    @Test
    void otherControlCharactersAndLineSeparatorsAreEscaped() {
        assertThat(LogSafe.id("a\u0000b\u001b[31mc\u2028d\u0085")).isEqualTo("a\\u0000b\\u001b[31mc\\u2028d\\u0085");
    }

    @Test
    void plainIdsAreKeptAsTheyAre() {
        assertThat(LogSafe.id("ext-123_홍길동")).isEqualTo("ext-123_홍길동");
        assertThat(LogSafe.id(null)).isEqualTo("null");
    }

    @Test
    void longValuesAreCutWithTheirLength() {
        String logged = LogSafe.id("x".repeat(10_000));
        assertThat(logged).startsWith("x".repeat(LogSafe.MAX_LENGTH)).endsWith("...(10000 chars)");
        assertThat(logged.length()).isLessThan(LogSafe.MAX_LENGTH + 20);
    }
}
