package io.nightshift.featurestore;

/**
 * How far the loading of one model version got.
 *
 * @param modelVersion  the version
 * @param expectedTotal how many product lists the version has in all (as its publisher announced)
 * @param loaded        how many distinct product lists are stored; re-staging a product does not count twice
 * @param complete      {@code loaded >= expectedTotal}: only a complete version can be activated or pinned
 */
public record VersionStatus(String modelVersion, long expectedTotal, long loaded, boolean complete) {
}
