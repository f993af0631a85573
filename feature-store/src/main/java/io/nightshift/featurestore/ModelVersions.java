package io.nightshift.featurestore;

import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The laptop's model versions in Redis: their precomputed lists, their loading status and lineage,
 * and the atomic switch that decides which version shoppers are served.
 *
 * <p>A version's lists are staged one product or shopper at a time ({@link #stageList},
 * {@link #stageUserList}), counted against the version's expected total, and only a complete
 * version can be switched on ({@link #activate}) or pinned to a cohort
 * ({@link ServingControls#pinCohort}). Activation and rollback are single atomic pointer switches.
 *
 * <p>Callers: the streams processor's result loading stages lists and its version activator
 * records lineages, activates and retires; online-api's admin endpoints show the versions and
 * activate or roll back on the owner's word.
 *
 * <p>When Redis cannot be reached or does not answer within {@link FeatureStoreSettings#timeout()},
 * every method throws {@link FeatureStoreUnavailableException} and changes nothing it had not
 * finished (each switch is one script). A model version outside {@code [A-Za-z0-9._-]{1,64}} or a
 * blank id is an {@link IllegalArgumentException}.
 */
public interface ModelVersions {

    /**
     * Stores one product's list under a version and counts it, in one atomic script.
     *
     * <p>Idempotent: re-staging a product (a replayed or duplicated result) replaces its list but
     * does not count twice. The version becomes complete once the number of distinct lists staged
     * (products here and shoppers in {@link #stageUserList}) reaches {@code expectedTotal}; the
     * latest {@code expectedTotal} given wins.
     *
     * @param modelVersion  the version, {@code [A-Za-z0-9._-]{1,64}}
     * @param productId     the product the list is for
     * @param items         best first
     * @param computedAt    when the laptop computed it
     * @param expectedTotal how many lists (product and user) the version has in all, at least 1
     * @return the version's loading status after this list
     */
    VersionStatus stageList(String modelVersion, String productId, List<ScoredItem> items, Instant computedAt, long expectedTotal);

    /**
     * Stores one shopper's "for you" list under a version and counts it towards the same
     * {@code expectedTotal} as the product lists, in one atomic script. Idempotent like
     * {@link #stageList}: a re-staged user replaces the list and is not counted twice.
     *
     * @param modelVersion  the version, {@code [A-Za-z0-9._-]{1,64}}
     * @param userId        the shopper the list is for
     * @param items         best first
     * @param computedAt    when the laptop computed it
     * @param expectedTotal how many lists (product and user) the version has in all, at least 1
     * @return the version's loading status after this list
     */
    VersionStatus stageUserList(String modelVersion, String userId, List<ScoredItem> items, Instant computedAt, long expectedTotal);

    /**
     * Records where a version came from (family, parameters, offline metrics, data range, code
     * version) in the version's meta hash, so the owner's API can show it next to the version.
     * Idempotent (the latest lineage wins); removed with the version when it is retired.
     *
     * <p>A lineage may arrive before or after the version's lists. Arriving first it gives the
     * version no status: {@link #versionStatus} stays empty and the version cannot be activated
     * or pinned until its lists are staged. Such a version is spared by
     * {@link #retireVersionsExcept} for as long as a version that is still loading.
     */
    void putLineage(String modelVersion, Lineage lineage);

    /** The version's lineage as {@link #putLineage} recorded it; empty when none was recorded or the version is retired. */
    Optional<Lineage> lineage(String modelVersion);

    /**
     * Hands every product and user list stored under a version to {@code each}, a page at a time
     * using SCAN (never KEYS), so Redis keeps serving while a whole version is read. In no
     * particular order; a list that cannot be decoded is skipped (and logged), so a caller that
     * needs the whole version compares the count with {@link VersionStatus#expectedTotal()}.
     *
     * <p>Caller: the streams processor's copy of the active version to Kafka, from which a lost
     * Redis gets it back.
     */
    void forEachList(String modelVersion, Consumer<VersionList> each);

    /** The version's loading status; empty for a version never staged (or retired). */
    Optional<VersionStatus> versionStatus(String modelVersion);

    /**
     * Makes a complete version active in one atomic step: the old active becomes previous, and
     * the history records the version, the actor and the time.
     *
     * <p>Refuses (nothing changes) an unknown or incomplete version, with the reason. Activating
     * the version that is already active changes nothing and is not a refusal.
     */
    ActivationResult activate(String modelVersion, String actor);

    /**
     * Swaps active and previous in one atomic step and records it in the history. Refuses when
     * there is no previous version, or when it has been retired meanwhile.
     */
    ActivationResult rollback(String actor);

    /** The version shoppers are served unless their cohort is pinned. */
    Optional<String> activeVersion();

    /** The version a {@link #rollback} would restore. */
    Optional<String> previousVersion();

    /**
     * The activations and rollbacks, newest first, with who switched and when: at most
     * {@link io.nightshift.schemas.redis.RedisKeys#VERSION_HISTORY_CAP}.
     */
    List<VersionActivation> activations();

    /**
     * Deletes the lists and metadata of every staged version except the named ones, using SCAN
     * (never KEYS) so Redis keeps serving while it runs.
     *
     * <p>Whatever {@code keep} says, the active and previous versions and every version a cohort
     * is pinned to are kept: retiring them would empty the batch tier or break rollback. So is an
     * incomplete version staged within the last hour (it is still loading). Product lists, user
     * lists and the lineage go together.
     *
     * @return the versions removed, sorted
     */
    List<String> retireVersionsExcept(Set<String> keep);
}
