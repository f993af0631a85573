package io.nightshift.featurestore;

/** CONTRACT STUB: how far a version's loading got. */
public record VersionStatus(String modelVersion, long expectedTotal, long loaded, boolean complete) {
}
