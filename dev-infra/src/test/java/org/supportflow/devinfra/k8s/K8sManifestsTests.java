package org.supportflow.devinfra.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.supportflow.contracts.events.Topics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests ({@code k8s/}) without a cluster: every overlay builds, every object validates against
 * its kind's schema, and what the objects say agrees with the platform (topics, consumer groups, the alert rules,
 * selectors). Where kubectl is installed, its kustomize must render each overlay exactly as {@link Kustomize}.
 */
class K8sManifestsTests {

    private static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();
    private static final Path ALERTS = K8S.resolve("../deploy/monitoring/alerts.yml").normalize();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @ParameterizedTest
    @ValueSource(strings = {"overlays/production", "overlays/cluster"})
    void everyOverlayBuildsAndEveryObjectMatchesItsSchema(String overlay) {
        List<ObjectNode> objects = Kustomize.build(K8S.resolve(overlay));
        assertThat(objects).isNotEmpty();
        List<String> problems = objects.stream().flatMap(object -> ManifestSchemas.problems(object).stream()).toList();
        assertThat(problems).isEmpty();
        assertThat(objects.stream().map(K8sManifestsTests::id)).doesNotHaveDuplicates();
        objects.stream().filter(object -> !object.get("kind").asText().equals("Namespace"))
                .forEach(object -> assertThat(object.path("metadata").path("labels").path("app.kubernetes.io/part-of")
                        .asText()).as(id(object)).isEqualTo("supportflow"));
        objects.stream().filter(object -> !object.get("kind").asText().equals("Namespace"))
                .forEach(object -> assertThat(object.at("/metadata/namespace").asText()).as(id(object))
                        .isEqualTo("supportflow"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/production", "overlays/cluster"})
    void kubectlKustomizeRendersTheSame(String overlay) throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(kubectl),
                "kubectl is not installed: the rendering is checked by the other tests only");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", K8S.resolve(overlay).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Path rendered = Files.createTempFile("kustomize", ".yaml");
        Files.writeString(rendered, output);
        assertThat(canonical(Kustomize.readAll(rendered))).isEqualTo(canonical(Kustomize.build(K8S.resolve(overlay))));
    }

    @Test
    void deploymentsAreFoundByTheirServicesDisruptionBudgetsAndAutoscalers() {
        List<ObjectNode> objects = Kustomize.build(K8S.resolve("overlays/cluster"));
        Map<String, JsonNode> podLabels = new HashMap<>();
        objects.stream().filter(kind("Deployment")).forEach(deployment -> {
            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            assertThat(matches(deployment.at("/spec/selector/matchLabels"), labels)).as(id(deployment)).isTrue();
            podLabels.put(deployment.at("/metadata/name").asText(), labels);
        });
        assertThat(podLabels.keySet()).containsExactlyInAnyOrder("gateway-service", "nlu-service", "routing-service",
                "ticket-service", "analytics-service");
        objects.stream().filter(kind("Service")).forEach(service -> assertThat(podLabels.values())
                .as(id(service)).anyMatch(labels -> matches(service.at("/spec/selector"), labels)));
        objects.stream().filter(kind("PodDisruptionBudget")).forEach(budget -> assertThat(podLabels.values())
                .as(id(budget)).anyMatch(labels -> matches(budget.at("/spec/selector/matchLabels"), labels)));
        // One autoscaler per Deployment: a CPU autoscaler beside a ScaledObject would fight it.
        List<String> scaled = objects.stream()
                .filter(object -> object.get("kind").asText().matches("HorizontalPodAutoscaler|ScaledObject"))
                .map(object -> object.at("/spec/scaleTargetRef/name").asText()).toList();
        assertThat(scaled).doesNotHaveDuplicates().allMatch(podLabels::containsKey);
        objects.stream().filter(kind("ScaledObject")).forEach(scaledObject -> assertThat(
                objects.stream().filter(kind("Deployment")).filter(named(scaledObject.at("/spec/scaleTargetRef/name")
                        .asText())).findFirst().orElseThrow().at("/spec/replicas").isMissingNode())
                .as("%s: the Deployment leaves its replica count to KEDA", id(scaledObject)).isTrue());
    }

    @Test
    void kedaScalesConsumersOnTheirOwnGroupsAndTopicsWithinThePartitions() {
        List<ObjectNode> objects = Kustomize.build(K8S.resolve("overlays/cluster"));
        JsonNode platform = objects.stream().filter(kind("ConfigMap")).filter(named("supportflow-platform"))
                .findFirst().orElseThrow().get("data");
        int partitions = Kustomize.build(K8S.resolve("overlays/production")).stream().filter(kind("ConfigMap"))
                .filter(named("kafka-topics")).findFirst().orElseThrow().at("/data/PARTITIONS").asInt();
        Set<String> subscriptions = Topics.SUBSCRIPTIONS.stream()
                .map(subscription -> subscription.group() + " " + subscription.topic()).collect(Collectors.toSet());
        List<ObjectNode> scaledObjects = objects.stream().filter(kind("ScaledObject")).toList();
        assertThat(scaledObjects).hasSize(4);
        for (ObjectNode scaledObject : scaledObjects) {
            String deployment = scaledObject.at("/spec/scaleTargetRef/name").asText();
            assertThat(scaledObject.at("/spec/maxReplicaCount").asInt()).as(id(scaledObject))
                    .isBetween(scaledObject.at("/spec/minReplicaCount").asInt(), partitions);
            for (JsonNode trigger : scaledObject.at("/spec/triggers")) {
                JsonNode metadata = trigger.get("metadata");
                assertThat(trigger.get("type").asText()).isEqualTo("kafka");
                assertThat(metadata.get("consumerGroup").asText()).isEqualTo(deployment);
                assertThat(subscriptions).as(id(scaledObject)).contains(deployment + " " + metadata.get("topic").asText());
                assertThat(metadata.get("bootstrapServers").asText())
                        .isEqualTo(platform.get("KAFKA_BOOTSTRAP_SERVERS").asText());
            }
        }
    }

    @Test
    void strimziTopicsAreThePlatformsTopicsWithTheJobsSettings() {
        List<ObjectNode> cluster = Kustomize.build(K8S.resolve("overlays/cluster"));
        assertThat(cluster).noneMatch(kind("Job"));
        Map<String, String> jobSettings = new HashMap<>();
        Kustomize.build(K8S.resolve("overlays/production")).stream().filter(kind("ConfigMap"))
                .filter(named("kafka-topics")).findFirst().orElseThrow().at("/data/topics.txt").asText().lines()
                .map(line -> line.trim().split("\\s+")).forEach(line -> jobSettings.put(line[0], line[1]));
        List<ObjectNode> topics = cluster.stream().filter(kind("KafkaTopic")).toList();
        assertThat(topics).extracting(topic -> topic.at("/spec/topicName").asText())
                .containsExactlyInAnyOrderElementsOf(Topics.allTopicNames());
        for (ObjectNode topic : topics) {
            Map<String, String> expected = new HashMap<>();
            for (String setting : jobSettings.get(topic.at("/spec/topicName").asText()).split(",")) {
                expected.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
            expected.put("min.insync.replicas", "2");
            Map<String, String> config = new HashMap<>();
            topic.at("/spec/config").fields().forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));
            assertThat(config).as(id(topic)).isEqualTo(expected);
            assertThat(topic.at("/spec/partitions").asInt()).isEqualTo(12);
            assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(3);
        }
    }

    @Test
    void thePrometheusRuleIsTheTestedAlertRules() {
        ObjectNode rule = Kustomize.build(K8S.resolve("overlays/cluster")).stream().filter(kind("PrometheusRule"))
                .findFirst().orElseThrow();
        assertThat(rule.at("/spec/groups")).isEqualTo(Kustomize.readAll(ALERTS).getFirst().get("groups"));
    }

    /** Every dashboard query is valid PromQL: promtool checks them as recording rules. */
    @Test
    void grafanaDashboardsParseAndTheirQueriesAreValidPromQl() throws Exception {
        ObjectNode dashboards = Kustomize.build(K8S.resolve("overlays/cluster")).stream().filter(kind("ConfigMap"))
                .filter(named("supportflow-grafana-dashboards")).findFirst().orElseThrow();
        assertThat(dashboards.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        List<String> expressions = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        dashboards.get("data").fields().forEachRemaining(file -> {
            JsonNode dashboard = read(file.getValue().asText());
            assertThat(uids.add(dashboard.get("uid").asText())).as("unique uid in %s", file.getKey()).isTrue();
            assertThat(dashboard.get("panels")).isNotEmpty();
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
                panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText()));
            }
        });
        assertThat(uids).hasSize(2);
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: ")
                    .append(JSON.writeValueAsString(expressions.get(i))).append('\n');
        }
        Path file = Files.createTempFile("dashboard-queries", ".yml");
        Files.writeString(file, rules);
        Process process = new ProcessBuilder("/usr/bin/promtool", "check", "rules", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS: " + expressions.size() + " rules found");
    }

    /** The renderer refuses what it cannot render, rather than rendering it wrong. */
    @Test
    void theRendererRefusesKustomizeFeaturesItDoesNotImplement() throws IOException {
        Path directory = Files.createTempDirectory("kustomization");
        Files.writeString(directory.resolve("kustomization.yaml"), "resources: []\nreplicas:\n  - name: x\n    count: 3\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Kustomize.build(directory))
                .hasMessageContaining("'replicas' is not supported");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        Map<String, String> wanted = new HashMap<>();
        selector.fields().forEachRemaining(entry -> wanted.put(entry.getKey(), entry.getValue().asText()));
        return wanted.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.path(entry.getKey()).asText()));
    }

    private static java.util.function.Predicate<ObjectNode> kind(String kind) {
        return object -> object.path("kind").asText().equals(kind);
    }

    private static java.util.function.Predicate<ObjectNode> named(String name) {
        return object -> object.at("/metadata/name").asText().equals(name);
    }

    private static String id(JsonNode object) {
        return object.path("kind").asText() + " " + object.at("/metadata/namespace").asText() + "/"
                + object.at("/metadata/name").asText();
    }

    /** Objects as canonical JSON, in a stable order: what two renderings must agree on. */
    private static List<String> canonical(List<ObjectNode> objects) {
        return objects.stream().map(object -> {
            try {
                return JSON.writeValueAsString(JSON.treeToValue(object, Object.class));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).sorted(Comparator.naturalOrder()).toList();
    }
}
