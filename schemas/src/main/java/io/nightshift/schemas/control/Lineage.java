package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * Where a model version came from, so any list can be traced to its data and code.
 *
 * @param modelFamily  e.g. {@code cooccurrence}, {@code ease}, {@code bpr}
 * @param parameters   the hyper-parameters used
 * @param metrics      evaluation metrics on the held-out split (e.g. {@code ndcg@10})
 * @param dataRange    the training data as topic offsets, e.g. {@code shop.events.v1:0-1200,1-980}
 * @param codeVersion  the build that trained it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lineage(String modelFamily, Map<String, String> parameters, Map<String, Double> metrics, String dataRange, String codeVersion) {

    public Lineage {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
