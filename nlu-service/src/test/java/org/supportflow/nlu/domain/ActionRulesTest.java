package org.supportflow.nlu.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An intent's action (issue 15) is validated with the bundle, with file and line. */
class ActionRulesTest {

    private final BundleLoader loader = new BundleLoader();

    private BundleLoader.Result withAction(String action) {
        Map<String, byte[]> files = BundleLoaderTest.tinyFiles();
        String domain = BundleLoaderTest.DOMAIN.replace("{\"name\": \"plan_change\", \"route\": \"bot\"}",
                "{\"name\": \"plan_change\", \"route\": \"bot\",\n \"action\": " + action + "}");
        files.put("domain.json", domain.getBytes(StandardCharsets.UTF_8));
        return loader.load(new BundleFiles(files, "test"));
    }

    @Test
    void aWellFormedActionIsAccepted() {
        BundleLoader.Result result = withAction("""
                {"name": "plan_lookup", "system": "plans", "path": "/plans/{contract}", "timeoutMs": 1500,
                 "slots": [{"name": "contract", "entity": "contract_number", "pattern": "C-\\\\d{6}",
                            "ask": {"en": "Your contract number?"}}],
                 "answers": {"en": {"ok": "Your plan is {plan}.", "status": {"404": "No such contract."},
                                    "missing": "No plan on file.", "failed": "The plan system is down."}}}""");

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void hostsCredentialsAndBrokenPartsAreRefusedWithTheirLine() {
        BundleLoader.Result result = withAction("""
                {"name": "Plan Lookup", "system": "plans", "url": "https://plans.example/x",
                 "headers": {"Authorization": "Bearer abc"}, "path": "/plans/{contract}", "identity": "maybe",
                 "slots": [{"name": "other", "pattern": "(", "ask": {}}],
                 "answers": {"en": {"ok": "{plan}", "status": {"503": "down"}}}}""");

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).extracting(BundleIssue::toString).allSatisfy(
                e -> assertThat(e).startsWith("domain.json:"))
                .anySatisfy(e -> assertThat(e).contains("intents.0.action.name"))
                .anySatisfy(e -> assertThat(e).contains("intents.0.action.url: hosts and credentials"))
                .anySatisfy(e -> assertThat(e).contains("intents.0.action.headers: hosts and credentials"))
                .anySatisfy(e -> assertThat(e).contains("intents.0.action.identity"))
                .anySatisfy(e -> assertThat(e).contains("not a valid regular expression"))
                .anySatisfy(e -> assertThat(e).contains("required in en"))
                .anySatisfy(e -> assertThat(e).contains("{contract} is not a slot"))
                .anySatisfy(e -> assertThat(e).contains("\"failed\""))
                .anySatisfy(e -> assertThat(e).contains("503 is not an HTTP status below 500"));
        assertThat(result.errors()).extracting(BundleIssue::toString)
                .anySatisfy(e -> assertThat(e).startsWith("domain.json:10:"));
    }
}
