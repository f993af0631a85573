package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A model version as control events speak of it.
 *
 * @param modelVersion  the version id, e.g. {@code v20261124-031500}
 * @param expectedTotal how many product lists the version has
 * @param lineage       where it came from; present when published
 * @param runId         the batch run that produced it, when a run publishes it; absent from older
 *                      laptops and from the owner's activations and rollbacks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionInfo(String modelVersion, Long expectedTotal, Lineage lineage, String runId) {

    /** A version no run is named for: an activation, a rollback, a restored copy. */
    public VersionInfo(String modelVersion, Long expectedTotal, Lineage lineage) {
        this(modelVersion, expectedTotal, lineage, null);
    }
}
