package io.nightshift.featurestore;

import java.time.Instant;

/**
 * One entry of the activation history: who made which version active, when, and how.
 *
 * @param modelVersion the version that became active
 * @param actor        who asked (an owner's name, {@code scheduler}, …), as given to the store
 * @param at           when the pointer switched (the store's clock)
 * @param action       whether it was an activation or a rollback
 */
public record VersionActivation(String modelVersion, String actor, Instant at, Action action) {

    /** How a version became active. */
    public enum Action {
        /** {@link ModelVersions#activate(String, String)}. */
        ACTIVATE,
        /** {@link ModelVersions#rollback(String)}. */
        ROLLBACK
    }
}
