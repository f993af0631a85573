package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A model version as control events speak of it.
 *
 * @param modelVersion  the version id, e.g. {@code v20261124-031500}
 * @param expectedTotal how many product lists the version has
 * @param lineage       where it came from; present when published
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionInfo(String modelVersion, Long expectedTotal, Lineage lineage) {
}
