package io.nightshift.featurestore;

import redis.clients.jedis.JedisSocketFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The Redis-backed feature store and prediction cache: the only way the applications touch Redis.
 * It is one connection pool, handed out as the roles its callers need:
 *
 * <ul>
 *   <li>{@link #versions()} — {@link ModelVersions}: staging, lineage, activation, rollback, retirement;</li>
 *   <li>{@link #catalog()} — {@link CatalogCache}: product metadata;</li>
 *   <li>{@link #features()} — {@link OnlineFeatures}: popularity, trending, shoppers' recent items and purchases;</li>
 *   <li>{@link #freshLists()} — {@link FreshLists}: the pending markers and the laptop's fresh lists;</li>
 *   <li>{@link #serving()} — {@link ServingReads}: the one-round-trip reads an answer is built from;</li>
 *   <li>{@link #controls()} — {@link ServingControls}: the owner's kill switches and cohort pins;</li>
 *   <li>{@link #cohortCounts()} — {@link CohortCounts}: the A/B cohorts' served and clicked answers per day.</li>
 * </ul>
 *
 * <p>Keys follow {@link io.nightshift.schemas.redis.RedisKeys} and its TTLs; the module's
 * {@code README.md} has the table (key, type, TTL or the reason for none, writer, reader).
 *
 * <p><b>Threads.</b> The store and its roles are thread-safe: create one store per process with
 * {@link #connect(FeatureStoreSettings)} and {@link #close()} it on shutdown, which closes every
 * role with it.
 *
 * <p><b>Failures.</b> Every method of every role throws {@link FeatureStoreUnavailableException}
 * when Redis cannot be reached or does not answer within {@link FeatureStoreSettings#timeout()};
 * it never hangs. Creating the store does not need Redis to be up, so an application can start
 * (and serve its fallback tier) while Redis is away. Invalid arguments (a model version outside
 * {@code [A-Za-z0-9._-]{1,64}}, a blank product id) throw {@link IllegalArgumentException}.
 */
public final class FeatureStore implements AutoCloseable {

    private final RedisConnection redis;
    private final ModelVersions versions;
    private final CatalogCache catalog;
    private final OnlineFeatures features;
    private final FreshLists freshLists;
    private final ServingReads serving;
    private final ServingControls controls;
    private final CohortCounts cohortCounts;

    /**
     * @param socketFactory how connections are opened; {@code null} for plain TCP. Tests pass one
     *                      that counts round trips, or a clock of their own.
     */
    FeatureStore(FeatureStoreSettings settings, JedisSocketFactory socketFactory, Clock clock) {
        this.redis = new RedisConnection(settings, socketFactory, clock);
        this.versions = new RedisModelVersions(redis);
        this.catalog = new RedisCatalogCache(redis);
        this.features = new RedisOnlineFeatures(redis);
        this.freshLists = new RedisFreshLists(redis);
        this.serving = new RedisServingReads(redis);
        this.controls = new RedisServingControls(redis);
        this.cohortCounts = new RedisCohortCounts(redis, clock);
    }

    /**
     * Creates a store on a pooled Jedis client. Does not connect yet: the first call does, so
     * this succeeds while Redis is down.
     */
    public static FeatureStore connect(FeatureStoreSettings settings) {
        return new FeatureStore(settings, null, Clock.systemUTC());
    }

    public ModelVersions versions() {
        return versions;
    }

    public CatalogCache catalog() {
        return catalog;
    }

    public OnlineFeatures features() {
        return features;
    }

    public FreshLists freshLists() {
        return freshLists;
    }

    public ServingReads serving() {
        return serving;
    }

    public ServingControls controls() {
        return controls;
    }

    public CohortCounts cohortCounts() {
        return cohortCounts;
    }

    /**
     * One round trip to Redis, for health checks.
     *
     * @return how long the round trip took
     * @throws FeatureStoreUnavailableException when Redis does not answer
     */
    public Duration ping() {
        return redis.ping();
    }

    /** The pool the roles share, for this package's tests to look behind the roles' backs. */
    RedisConnection connection() {
        return redis;
    }

    /** Closes the connection pool, and so every role of this store. */
    @Override
    public void close() {
        redis.close();
    }
}
