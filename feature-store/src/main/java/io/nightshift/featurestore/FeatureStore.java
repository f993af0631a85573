package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CONTRACT STUB written by the lead: the public API the applications code against.
 * The feature-store engineer implements it (keep these signatures; add, don't rename) and
 * replaces this comment with real Javadoc.
 *
 * The Redis-backed feature store and prediction cache. Thread-safe; one instance per process.
 */
public interface FeatureStore extends AutoCloseable {

    static FeatureStore connect(FeatureStoreSettings settings) {
        throw new UnsupportedOperationException("to be implemented");
    }

    // --- catalog projection -------------------------------------------------------------
    void putProduct(Product product);

    void deleteProduct(String productId);

    Optional<Product> product(String productId);

    // --- model versions -----------------------------------------------------------------
    /** Stores one product's list under a version; idempotent: re-staging the same product does not count twice. */
    VersionStatus stageList(String modelVersion, String productId, List<ScoredItem> items, Instant computedAt, long expectedTotal);

    Optional<VersionStatus> versionStatus(String modelVersion);

    /** Atomically makes a complete version active (the old active becomes previous). Refuses incomplete or unknown versions. */
    ActivationResult activate(String modelVersion, String actor);

    /** Atomically swaps active and previous. */
    ActivationResult rollback(String actor);

    Optional<String> activeVersion();

    Optional<String> previousVersion();

    /** Newest first. */
    List<String> versionHistory();

    /** Deletes every staged version's lists and metadata except the named ones. Returns the versions removed. */
    List<String> retireVersionsExcept(Set<String> keep);

    Optional<StoredList> versionList(String modelVersion, String productId);

    void pinCohort(String cohort, String modelVersion);

    void unpinCohort(String cohort);

    Map<String, String> cohortPins();

    // --- fresh lists --------------------------------------------------------------------
    void putFreshList(String productId, String modelVersion, List<ScoredItem> items, Instant computedAt);

    Optional<StoredList> freshList(String productId);

    // --- popularity ---------------------------------------------------------------------
    void incrementPopular(String productId, double by);

    List<ScoredItem> popular(int limit);

    void incrementTrending(String category, String productId, double by);

    List<ScoredItem> trending(String category, int limit);

    // --- users --------------------------------------------------------------------------
    /** Pushes to the front of the user's capped recent list (moving it if already there). */
    void pushRecent(String userId, String productId);

    List<String> recentItems(String userId);

    void recordPurchase(String userId, String productId);

    // --- coalescing and switches --------------------------------------------------------
    /** Set-if-absent with TTL: true only for the first caller within the coalescing window. */
    boolean markPending(String productId);

    void setTierDisabled(Tier tier, boolean disabled);

    Set<Tier> disabledTiers();

    // --- serving ------------------------------------------------------------------------
    /** Everything one recommendation answer needs, in one round trip to Redis. */
    ServingSnapshot servingRead(String productId, String userId, String cohort, int candidates);

    @Override
    void close();
}
