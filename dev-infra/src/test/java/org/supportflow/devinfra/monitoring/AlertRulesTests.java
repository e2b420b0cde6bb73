package org.supportflow.devinfra.monitoring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules of {@code deploy/monitoring/alerts.yml} are valid Prometheus rules, and each alert fires on
 * the series it is meant for and stays silent on a near miss ({@code alerts-test.yml}), checked by Prometheus'
 * own {@code promtool} (Debian's {@code prometheus} package, which {@code .ci/run} installs). Without promtool
 * this fails: the rules are not known to work until it has run.
 */
class AlertRulesTests {

    private static final Path MONITORING = Path.of("..", "deploy", "monitoring").toAbsolutePath().normalize();
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void theRulesAreValid() throws Exception {
        Result check = promtool("check", "rules", "alerts.yml");
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresWhereItShouldAndOnlyThere() throws Exception {
        Result test = promtool("test", "rules", "alerts-test.yml");
        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTestAndARunbookSection() throws IOException {
        List<String> alerts = matches("(?m)^\\s+- alert: (\\w+)$", MONITORING.resolve("alerts.yml"));
        List<String> tested = matches("(?m)^\\s+alertname: (\\w+)$", MONITORING.resolve("alerts-test.yml"));
        assertThat(alerts).isNotEmpty().doesNotHaveDuplicates();
        assertThat(tested).containsAll(alerts);
        // GitHub's anchor of a heading: lower case, spaces to hyphens, punctuation dropped
        List<String> sections = matches("(?m)^#+ (.+)$", MONITORING.resolve("../../docs/OPERATIONS.md")).stream()
                .map(heading -> heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                .toList();
        List<String> runbooks = matches("runbook: \"docs/OPERATIONS.md#([a-z-]+)\"", MONITORING.resolve("alerts.yml"));
        assertThat(runbooks).hasSameSizeAs(alerts);
        assertThat(sections).containsAll(runbooks);
    }

    private static List<String> matches(String regex, Path file) throws IOException {
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(file, StandardCharsets.UTF_8));
        return matcher.results().map(result -> result.group(1)).toList();
    }

    private record Result(int exit, String output) {
    }

    private static Result promtool(String... args) throws Exception {
        assertThat(PROMTOOL).as("promtool is missing: apt-get install prometheus (.ci/run installs it)")
                .isExecutable();
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(MONITORING.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
