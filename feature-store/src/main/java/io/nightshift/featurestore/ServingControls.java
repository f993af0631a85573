package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;

import java.util.Map;
import java.util.Set;

/**
 * The owner's controls over what shoppers are served: kill switches per tier, and cohorts (A/B
 * groups) pinned to a model version other than the active one. Both are owner configuration and
 * have no TTL; the serving reads ({@link ServingReads}) read them in their one round trip.
 *
 * <p>Callers: online-api's admin endpoints (kill switches, and the pins shown next to the
 * versions).
 *
 * <p>When Redis cannot be reached or does not answer within {@link FeatureStoreSettings#timeout()},
 * every method throws {@link FeatureStoreUnavailableException} and nothing changes.
 */
public interface ServingControls {

    /** The owner's kill switch for one tier. */
    void setTierDisabled(Tier tier, boolean disabled);

    /** Tiers the owner switched off; a tier name this version does not know is ignored. */
    Set<Tier> disabledTiers();

    /**
     * Serves a cohort (an A/B group) a version other than the active one, in one atomic script.
     *
     * @throws IllegalArgumentException when the version is unknown or incomplete: a cohort must
     *                                  never see a half-loaded version
     */
    void pinCohort(String cohort, String modelVersion);

    /** The cohort goes back to the active version. */
    void unpinCohort(String cohort);

    /** Cohort → pinned version. */
    Map<String, String> cohortPins();
}
