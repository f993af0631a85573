package io.nightshift.featurestore;

import java.util.Objects;

/**
 * One list of a model version as {@link ModelVersions#forEachList} reads it back: a product's
 * related items or a shopper's "for you" list.
 *
 * @param forUser whether {@code ownerId} is a shopper ({@link ModelVersions#stageUserList}) rather than a product
 * @param ownerId the product or shopper the list is for
 * @param list    the stored list, its version and computation time included
 */
public record VersionList(boolean forUser, String ownerId, StoredList list) {

    public VersionList {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(list, "list");
    }
}
