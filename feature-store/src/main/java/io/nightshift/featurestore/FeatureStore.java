package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.result.ScoredItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Redis-backed feature store and prediction cache: the only way the applications touch Redis.
 *
 * <p>Keys follow {@link io.nightshift.schemas.redis.RedisKeys} and its TTLs; the module's
 * {@code README.md} has the table (key, type, TTL or the reason for none, writer, reader).
 *
 * <p><b>Threads.</b> An instance is thread-safe and holds a connection pool: create one per
 * process with {@link #connect(FeatureStoreSettings)} and {@link #close()} it on shutdown.
 *
 * <p><b>Failures.</b> Every method throws {@link FeatureStoreUnavailableException} when Redis
 * cannot be reached or does not answer within {@link FeatureStoreSettings#timeout()}; it never
 * hangs. Creating the store does not need Redis to be up, so an application can start (and
 * serve its fallback tier) while Redis is away. Invalid arguments (a model version outside
 * {@code [A-Za-z0-9._-]{1,64}}, a blank product id) throw {@link IllegalArgumentException}.
 *
 * <p><b>Model versions.</b> A version's lists are staged one product at a time
 * ({@link #stageList}), counted against the version's expected total, and only a complete
 * version can be switched on ({@link #activate}) or pinned to a cohort ({@link #pinCohort}).
 * Activation and rollback are single atomic pointer switches.
 */
public interface FeatureStore extends AutoCloseable {

    /**
     * Creates a store on a pooled Jedis client. Does not connect yet: the first call does, so
     * this succeeds while Redis is down.
     */
    static FeatureStore connect(FeatureStoreSettings settings) {
        return new RedisFeatureStore(settings);
    }

    /**
     * One round trip to Redis, for health checks.
     *
     * @return how long the round trip took
     * @throws FeatureStoreUnavailableException when Redis does not answer
     */
    Duration ping();

    // --- catalog projection -------------------------------------------------------------

    /** Writes the product's metadata hash (name, category, price, available), replacing what was there. No TTL: removed by {@link #deleteProduct}. */
    void putProduct(Product product);

    /** Removes the product's metadata (a catalog tombstone). Its lists age out with their version. */
    void deleteProduct(String productId);

    /** The product's metadata, if the catalog projection has it. */
    Optional<Product> product(String productId);

    // --- model versions -----------------------------------------------------------------

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
     * The versions that became active, newest first, at most
     * {@link io.nightshift.schemas.redis.RedisKeys#VERSION_HISTORY_CAP}; a version appears once
     * per activation or rollback.
     */
    List<String> versionHistory();

    /** Like {@link #versionHistory()}, with who switched and when. Newest first. */
    List<VersionActivation> activations();

    /**
     * Deletes the lists and metadata of every staged version except the named ones, using SCAN
     * (never KEYS) so Redis keeps serving while it runs.
     *
     * <p>Whatever {@code keep} says, the active and previous versions and every version a cohort
     * is pinned to are kept: retiring them would empty the batch tier or break rollback. Product
     * lists, user lists and the lineage go together.
     *
     * @return the versions removed, sorted
     */
    List<String> retireVersionsExcept(Set<String> keep);

    /** One product's list in a given version, whether or not that version is active. */
    Optional<StoredList> versionList(String modelVersion, String productId);

    /** One shopper's "for you" list in a given version, whether or not that version is active. */
    Optional<StoredList> userVersionList(String modelVersion, String userId);

    /**
     * Serves a cohort (an A/B group) a version other than the active one.
     *
     * @throws IllegalArgumentException when the version is unknown or incomplete: a cohort must
     *                                  never see a half-loaded version
     */
    void pinCohort(String cohort, String modelVersion);

    /** The cohort goes back to the active version. */
    void unpinCohort(String cohort);

    /** Cohort → pinned version. */
    Map<String, String> cohortPins();

    // --- fresh lists --------------------------------------------------------------------

    /**
     * Stores a list the laptop computed on demand; it expires after
     * {@link io.nightshift.schemas.redis.RedisKeys#FRESH_TTL}. A list computed earlier than the
     * one already stored is ignored, so a replay cannot bring back an older list.
     */
    void putFreshList(String productId, String modelVersion, List<ScoredItem> items, Instant computedAt);

    /** The product's fresh list, until it expires. */
    Optional<StoredList> freshList(String productId);

    // --- popularity ---------------------------------------------------------------------

    /**
     * Adds to the product's shop-wide popularity score. Not idempotent: a write repeated after a
     * crash counts twice, so the event stream writes with {@link #setPopular} instead.
     */
    void incrementPopular(String productId, double by);

    /**
     * Sets the product's shop-wide popularity score (ZADD). Idempotent: a writer that keeps the
     * score in its own state and writes it whole can write it again after a crash and leave the
     * same value.
     */
    void setPopular(String productId, double score);

    /** The shop's most popular products, best first. */
    List<ScoredItem> popular(int limit);

    /**
     * Adds to the product's trending score in its category and pushes the category's expiry
     * out to {@link io.nightshift.schemas.redis.RedisKeys#TRENDING_TTL}. Not idempotent, like
     * {@link #incrementPopular}; the event stream writes with {@link #setTrending}.
     */
    void incrementTrending(String category, String productId, double by);

    /**
     * Sets the product's trending score in its category (ZADD) and pushes the category's expiry
     * out to {@link io.nightshift.schemas.redis.RedisKeys#TRENDING_TTL}; one MULTI/EXEC
     * transaction. Idempotent like {@link #setPopular}, and it recreates a set that expired.
     */
    void setTrending(String category, String productId, double score);

    /** Takes the product out of a category's trending set (it moved to another category). Idempotent. */
    void removeTrending(String category, String productId);

    /** The category's trending products, best first. */
    List<ScoredItem> trending(String category, int limit);

    // --- users --------------------------------------------------------------------------

    /**
     * Records that the user interacted with the product at {@code occurredAt}, the event's own
     * time: recent items are ordered by when they were seen, not by when the event arrived, so a
     * late or out-of-order event (an import, an unsorted file) takes its place in the past
     * instead of the front. A product keeps its latest time (an older event of it changes
     * nothing); the set keeps the {@link io.nightshift.schemas.redis.RedisKeys#USER_RECENT_CAP}
     * latest products and its TTL is renewed. Idempotent; one atomic script.
     */
    void pushRecent(String userId, String productId, Instant occurredAt);

    /**
     * Records that the user interacted with the product just now, in arrival order: at the
     * store's clock, and never before the newest item already there. For callers without an
     * event time (tests, tools); events use {@link #pushRecent(String, String, Instant)}.
     */
    void pushRecent(String userId, String productId);

    /** The user's recent items, newest (latest event time) first. */
    List<String> recentItems(String userId);

    /** Remembers that the user bought the product (it is not recommended back); renews the set's TTL. */
    void recordPurchase(String userId, String productId);

    /** What the user bought recently. */
    Set<String> purchased(String userId);

    // --- coalescing and switches --------------------------------------------------------

    /**
     * Set-if-absent with {@link io.nightshift.schemas.redis.RedisKeys#PENDING_TTL}: true only
     * for the first caller within the coalescing window, whatever the number of processes.
     */
    boolean markPending(String productId);

    /** The owner's kill switch for one tier. */
    void setTierDisabled(Tier tier, boolean disabled);

    /** Tiers the owner switched off. */
    Set<Tier> disabledTiers();

    // --- serving ------------------------------------------------------------------------

    /**
     * Everything one recommendation answer needs, in one round trip to Redis.
     *
     * <p>Done as one server-side Lua script (EVALSHA, falling back to EVAL once when the
     * server's script cache was flushed): the list's key depends on the active pointer and the
     * cohort's pin, and the trending key on the product's category, all read in the same trip.
     * A pipeline could not do that in one trip, and a script also makes the snapshot atomic:
     * an activation running at the same moment is seen entirely or not at all.
     *
     * @param productId  the product being viewed
     * @param userId     the shopper, or {@code null} when anonymous
     * @param cohort     the shopper's A/B cohort, or {@code null}
     * @param candidates how many trending and popular items to read
     */
    ServingSnapshot servingRead(String productId, String userId, String cohort, int candidates);

    /**
     * Everything a "for you" answer needs, in one round trip (one Lua script, like
     * {@link #servingRead}): the served version (the cohort's pin, else the active one), that
     * version's list for the shopper, the shopper's recent items and purchases, the shop's popular
     * products and the kill switches.
     *
     * @param userId     the shopper
     * @param cohort     the shopper's A/B cohort, or {@code null}
     * @param candidates how many popular items to read
     */
    UserSnapshot userRead(String userId, String cohort, int candidates);

    /**
     * How many numbers read back so far were unusable (not a number, infinite) and were skipped
     * instead of failing the read; a value above zero means a key needs rewriting
     * ({@code ./nightshift replay}).
     */
    long unreadableValues();

    /** Closes the connection pool. */
    @Override
    void close();
}
