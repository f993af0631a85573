package io.nightshift.cli.batch;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the versions answer says about one version's origin: its model family and the batch job's
 * metrics (the gate's {@code test.*} and {@code active.*}, the selection's {@code validation.*}).
 * The API does not promise where it puts lineage ({@code lineages}, history entries, or later
 * elsewhere), so any object inside the answer that names the version is searched; only that
 * version's lineage counts, another version's numbers would be a lie in a run's summary.
 */
public record VersionLineage(String modelFamily, Map<String, Double> metrics) {

    public VersionLineage {
        metrics = Map.copyOf(metrics);
    }

    public Optional<Double> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    public static Optional<VersionLineage> of(JsonNode versions, String version) {
        return search(versions, null, version);
    }

    /** Depth first; {@code scope} is the nearest enclosing {@code modelVersion}. */
    private static Optional<VersionLineage> search(JsonNode node, String scope, String version) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                Optional<VersionLineage> hit = search(child, scope, version);
                if (hit.isPresent()) {
                    return hit;
                }
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        String here = node.path("modelVersion").isString() ? node.path("modelVersion").asString() : scope;
        if (version.equals(here) && (node.path("metrics").isObject() || node.path("modelFamily").isString())) {
            return Optional.of(new VersionLineage(node.path("modelFamily").asString(""), numbers(node.path("metrics"))));
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Optional<VersionLineage> hit = search(entry.getValue(), here, version);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    private static Map<String, Double> numbers(JsonNode metrics) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        if (metrics.isObject()) {
            for (Map.Entry<String, JsonNode> entry : metrics.properties()) {
                if (entry.getValue().isNumber()) {
                    numbers.put(entry.getKey(), entry.getValue().asDouble());
                }
            }
        }
        return numbers;
    }
}
