package org.supportflow.devinfra.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the kustomizations of {@code k8s/} without a kustomize binary (a fresh machine has none): exactly the
 * features those files use, in kustomize's order (patches, namespace, name prefix, labels, images), and nothing
 * else — a kustomization using any other field fails here, so the subset cannot drift silently. Where kubectl is
 * installed, {@code K8sManifestsTests} compares this rendering with {@code kubectl kustomize}.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "namePrefix", "labels",
            "resources", "components", "images", "patches", "configMapGenerator");

    /** Strategic merge keys of the lists the manifests patch; any other list is replaced, as kustomize does. */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath", "ports", "containerPort",
            "topologySpreadConstraints", "topologyKey");

    private Kustomize() {
    }

    static List<ObjectNode> build(Path directory) {
        return render(directory.toAbsolutePath().normalize(), "Kustomization");
    }

    private static List<ObjectNode> render(Path directory, String expectedKind) {
        ObjectNode kustomization = readAll(directory.resolve("kustomization.yaml")).getFirst();
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(directory + ": kustomization field '" + field
                        + "' is not supported by this renderer (add it here, checked against kubectl kustomize)");
            }
        });
        String kind = kustomization.path("kind").asText("Kustomization");
        if (!kind.equals(expectedKind)) {
            throw new IllegalArgumentException(directory + " is a " + kind + ", expected a " + expectedKind);
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path, "Kustomization") : readAll(path));
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            objects.add(configMap(directory, generator));
        }
        for (JsonNode component : kustomization.path("components")) {
            Path path = directory.resolve(component.asText()).normalize();
            List<ObjectNode> added = renderComponent(path, objects);
            objects = added;
        }
        if (!kind.equals("Component")) {
            applyTransformers(kustomization, objects);
        }
        return objects;
    }

    /** A component adds its resources to what it is applied to, then transforms the whole. */
    private static List<ObjectNode> renderComponent(Path directory, List<ObjectNode> objects) {
        ObjectNode component = readAll(directory.resolve("kustomization.yaml")).getFirst();
        List<ObjectNode> result = new ArrayList<>(objects);
        result.addAll(render(directory, "Component"));
        applyTransformers(component, result);
        return result;
    }

    private static void applyTransformers(ObjectNode kustomization, List<ObjectNode> objects) {
        for (JsonNode patch : kustomization.path("patches")) {
            if (!patch.has("patch") || patch.size() != 1) {
                throw new IllegalArgumentException("only inline `patch:` entries are supported: " + patch);
            }
            applyPatch(objects, readTree(patch.get("patch").asText()));
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            objects.stream().filter(object -> !object.path("kind").asText().equals("Namespace"))
                    .forEach(object -> ((ObjectNode) object.get("metadata")).put("namespace", namespace));
        }
        if (kustomization.has("namePrefix")) {
            prefixNames(objects, kustomization.get("namePrefix").asText());
        }
        for (JsonNode labels : kustomization.path("labels")) {
            addLabels(objects, (ObjectNode) labels.get("pairs"), labels.path("includeSelectors").asBoolean(false),
                    labels.path("includeTemplates").asBoolean(false));
        }
        for (JsonNode image : kustomization.path("images")) {
            setImages(objects, image);
        }
    }

    private static void applyPatch(List<ObjectNode> objects, ObjectNode patch) {
        String kind = patch.path("kind").asText();
        String name = patch.path("metadata").path("name").asText();
        ObjectNode target = objects.stream()
                .filter(object -> object.path("kind").asText().equals(kind)
                        && object.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + name + " to patch"));
        if (patch.path("$patch").asText().equals("delete")) {
            objects.remove(target);
            return;
        }
        merge(target, patch);
    }

    /** Strategic merge: maps recursively, keyed lists by their key (patch order first), null deletes a field. */
    static void merge(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value);
            } else if (value.isArray() && current != null && current.isArray() && MERGE_KEYS.containsKey(key)) {
                target.set(key, mergeList((ArrayNode) current, (ArrayNode) value, MERGE_KEYS.get(key)));
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static ArrayNode mergeList(ArrayNode current, ArrayNode patch, String mergeKey) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        List<JsonNode> rest = new ArrayList<>();
        current.forEach(rest::add);
        for (JsonNode item : patch) {
            JsonNode existing = rest.stream().filter(old -> old.get(mergeKey).equals(item.get(mergeKey)))
                    .findFirst().orElse(null);
            if (existing == null) {
                result.add(item.deepCopy());
            } else {
                rest.remove(existing);
                ObjectNode merged = existing.deepCopy();
                merge(merged, (ObjectNode) item);
                result.add(merged);
            }
        }
        rest.forEach(result::add);
        return result;
    }

    /** Renames every object and the references kustomize follows: service accounts and scale targets. */
    private static void prefixNames(List<ObjectNode> objects, String prefix) {
        Map<String, String> renamed = new HashMap<>();
        for (ObjectNode object : objects) {
            ObjectNode metadata = (ObjectNode) object.get("metadata");
            String kind = object.get("kind").asText();
            if (kind.equals("Namespace")) {
                continue;
            }
            String name = metadata.get("name").asText();
            metadata.put("name", prefix + name);
            renamed.put(kind + "/" + name, prefix + name);
        }
        for (ObjectNode object : objects) {
            JsonNode podSpec = object.path("spec").path("template").path("spec");
            if (podSpec.has("serviceAccountName")) {
                String account = renamed.get("ServiceAccount/" + podSpec.get("serviceAccountName").asText());
                if (account != null) {
                    ((ObjectNode) podSpec).put("serviceAccountName", account);
                }
            }
            JsonNode target = object.path("spec").path("scaleTargetRef");
            if (target.has("name")) {
                String deployment = renamed.get(target.path("kind").asText() + "/" + target.get("name").asText());
                if (deployment != null) {
                    ((ObjectNode) target).put("name", deployment);
                }
            }
        }
    }

    private static void addLabels(List<ObjectNode> objects, ObjectNode pairs, boolean selectors, boolean templates) {
        for (ObjectNode object : objects) {
            String kind = object.get("kind").asText();
            labelsAt(object.get("metadata")).setAll(pairs);
            boolean podOwner = kind.equals("Deployment") || kind.equals("Job");
            if (podOwner && (selectors || templates)) {
                labelsAt(child(child(child(object, "spec"), "template"), "metadata")).setAll(pairs);
            }
            if (!selectors) {
                continue;
            }
            switch (kind) {
                case "Deployment" -> {
                    child(child(child(object, "spec"), "selector"), "matchLabels").setAll(pairs);
                    for (JsonNode spread : object.path("spec").path("template").path("spec")
                            .path("topologySpreadConstraints")) {
                        child(child(((ObjectNode) spread), "labelSelector"), "matchLabels").setAll(pairs);
                    }
                }
                case "Service" -> child(child(object, "spec"), "selector").setAll(pairs);
                case "PodDisruptionBudget" -> child(child(child(object, "spec"), "selector"), "matchLabels").setAll(pairs);
                case "ServiceAccount", "HorizontalPodAutoscaler", "ConfigMap" -> {
                }
                default -> throw new IllegalArgumentException("labels with selectors on a " + kind
                        + " are not supported by this renderer");
            }
        }
    }

    private static ObjectNode labelsAt(JsonNode metadata) {
        return child((ObjectNode) metadata, "labels");
    }

    /** The object under {@code field}, created when missing. */
    private static ObjectNode child(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        return existing instanceof ObjectNode object ? object : parent.putObject(field);
    }

    private static void setImages(List<ObjectNode> objects, JsonNode image) {
        String name = image.get("name").asText();
        for (ObjectNode object : objects) {
            for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
                String current = container.get("image").asText();
                int colon = current.lastIndexOf(':');
                String repository = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : null;
                if (!repository.equals(name)) {
                    continue;
                }
                String newName = image.path("newName").asText(repository);
                String newTag = image.has("newTag") ? image.get("newTag").asText() : tag;
                ((ObjectNode) container).put("image", newTag == null ? newName : newName + ":" + newTag);
            }
        }
    }

    private static ObjectNode configMap(Path directory, JsonNode generator) {
        if (!generator.path("options").path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalArgumentException("configMapGenerator without disableNameSuffixHash is not supported");
        }
        ObjectNode configMap = JsonNodeFactory.instance.objectNode();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        ObjectNode metadata = configMap.putObject("metadata");
        metadata.put("name", generator.get("name").asText());
        if (generator.path("options").has("labels")) {
            metadata.set("labels", generator.get("options").get("labels").deepCopy());
        }
        ObjectNode data = configMap.putObject("data");
        for (JsonNode file : generator.path("files")) {
            Path path = directory.resolve(file.asText());
            try {
                data.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return configMap;
    }

    /** Every document of a YAML file (empty ones skipped). */
    static List<ObjectNode> readAll(Path file) {
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
            List<ObjectNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add((ObjectNode) document);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    static ObjectNode readTree(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
