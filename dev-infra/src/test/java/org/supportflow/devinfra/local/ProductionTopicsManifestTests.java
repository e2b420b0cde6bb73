package org.supportflow.devinfra.local;

import org.junit.jupiter.api.Test;
import org.supportflow.contracts.events.Topics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production topic list ({@code k8s/base/kafka-topics.yaml}) is written out by hand for the Kubernetes Job;
 * this keeps it equal to the topics the platform uses, the same list the local platform creates.
 */
class ProductionTopicsManifestTests {

    private static final Path MANIFEST = Path.of("..", "k8s", "base", "kafka-topics.yaml");
    private static final Pattern TOPIC_LINE = Pattern.compile("^ {4}([a-z0-9][a-z0-9._-]*)(?:\\s+(\\S+))?\\s*$");

    @Test
    void theKubernetesJobCreatesExactlyThePlatformsTopics() throws IOException {
        assertThat(topicLines()).extracting(line -> line[0])
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Topics.allTopicNames());
    }

    @Test
    void everyTopicHasAValidConfigurationAndPresenceIsCompacted() throws IOException {
        for (String[] line : topicLines()) {
            assertThat(line[1]).as("configuration of %s", line[0]).matches("[a-z.]+=[a-z0-9]+(,[a-z.]+=[a-z0-9]+)*");
        }
        assertThat(topicLines()).filteredOn(line -> line[0].equals(Topics.AGENT_PRESENCE))
                .singleElement().satisfies(line -> assertThat(line[1]).contains("cleanup.policy=compact"));
    }

    /** The entries of the {@code topics.txt: |} block: topic name and configuration. */
    private static List<String[]> topicLines() throws IOException {
        assertThat(MANIFEST).as("run from the dev-infra module directory").exists();
        List<String> lines = Files.readAllLines(MANIFEST, StandardCharsets.UTF_8);
        int start = lines.indexOf("  topics.txt: |");
        assertThat(start).as("a topics.txt block in %s", MANIFEST).isNotNegative();
        List<String[]> topics = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            Matcher topic = TOPIC_LINE.matcher(line);
            if (!topic.matches()) {
                break;
            }
            topics.add(new String[] {topic.group(1), topic.group(2)});
        }
        return topics;
    }
}
