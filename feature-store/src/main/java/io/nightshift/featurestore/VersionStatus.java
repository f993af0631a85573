package io.nightshift.featurestore;

/**
 * How far the loading of one model version got.
 *
 * @param modelVersion  the version
 * @param expectedTotal how many lists (product and user) the version has in all (as its publisher announced)
 * @param loaded        how many distinct product and user lists are stored; re-staging one does not count twice
 * @param complete      {@code loaded >= expectedTotal}: only a complete version can be activated or pinned
 */
public record VersionStatus(String modelVersion, long expectedTotal, long loaded, boolean complete) {
}
