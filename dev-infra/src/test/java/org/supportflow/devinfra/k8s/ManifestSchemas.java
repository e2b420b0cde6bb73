package org.supportflow.devinfra.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks each rendered object against its kind's schema. Kubernetes' own kinds and the Prometheus Operator's
 * are read into fabric8's models, which are generated from those schemas: a wrong type fails to read, and a
 * field the schema does not have lands in a model's {@code additionalProperties}, reported here. KEDA's
 * ScaledObject and Strimzi's KafkaTopic have no model on Maven Central that resolves here: the records below
 * hold the fields of their published v1alpha1/v1beta2 schemas that a manifest may use, and reading refuses any
 * other field or a missing required one.
 */
final class ManifestSchemas {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", ScaledObject.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class));

    private ManifestSchemas() {
    }

    /** The problems of one object; empty when it conforms. */
    static List<String> problems(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String where = type + " " + object.path("metadata").path("name").asText();
        Class<?> model = KINDS.get(type);
        if (model == null) {
            return List.of(where + ": no schema known for this kind");
        }
        Object read;
        try {
            read = STRICT.treeToValue(object, model);
        } catch (Exception e) {
            return List.of(where + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new ArrayList<>();
        unknownFields(read, where, problems, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return problems;
    }

    /** Walks a fabric8 model: every non-empty {@code additionalProperties} is a field its schema lacks. */
    private static void unknownFields(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, problems, seen));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": fields not in the schema: " + extra.keySet());
                }
            } else {
                unknownFields(child, path + "." + getter.getName().substring(3), problems, seen);
            }
        }
    }

    // KEDA ScaledObject (keda.sh/v1alpha1): https://keda.sh/docs/latest/reference/scaledobject-spec/

    record ScaledObject(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                        @JsonProperty(required = true) Metadata metadata,
                        @JsonProperty(required = true) ScaledObjectSpec spec) {
        ScaledObject {
            Objects.requireNonNull(spec.scaleTargetRef(), "spec.scaleTargetRef");
            Objects.requireNonNull(spec.triggers(), "spec.triggers");
        }
    }

    record ScaledObjectSpec(ScaleTarget scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod,
                            Integer initialCooldownPeriod, Integer idleReplicaCount, Integer minReplicaCount,
                            Integer maxReplicaCount, Advanced advanced, Map<String, Object> fallback,
                            List<Trigger> triggers) {
    }

    record ScaleTarget(String apiVersion, String kind, @JsonProperty(required = true) String name,
                       String envSourceContainerName) {
    }

    record Advanced(Boolean restoreToOriginalReplicaCount, HpaConfig horizontalPodAutoscalerConfig,
                    Map<String, Object> scalingModifiers) {
    }

    record HpaConfig(String name, Map<String, Object> behavior) {
    }

    record Trigger(@JsonProperty(required = true) String type, String name, Boolean useCachedMetrics,
                   String metricType, @JsonProperty(required = true) Map<String, String> metadata,
                   Map<String, String> authenticationRef) {
    }

    // Strimzi KafkaTopic (kafka.strimzi.io/v1beta2): https://strimzi.io/docs/operators/latest/configuring.html

    record KafkaTopic(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                      @JsonProperty(required = true) Metadata metadata,
                      @JsonProperty(required = true) KafkaTopicSpec spec) {
    }

    record KafkaTopicSpec(String topicName, Integer partitions, Integer replicas, Map<String, String> config) {
    }

    record Metadata(@JsonProperty(required = true) String name, String namespace, Map<String, String> labels,
                    Map<String, String> annotations) {
    }
}
