package io.nightshift.schemas.redis;

import java.time.Duration;

/**
 * The Redis key layout, one prefix for everything. The table of keys, types and TTLs is in {@code feature-store/README.md}.
 *
 * <p>Every key either has a TTL (named here) or a documented reason not to: a pointer, a list
 * whose lifetime is its model version (deleted when the version is retired), or a projection of
 * a compacted topic (deleted by the matching tombstone).
 */
public final class RedisKeys {

    public static final String PREFIX = "ns:";

    /** Fresh lists answer until the next nightly version can replace them. */
    public static final Duration FRESH_TTL = Duration.ofHours(24);
    /** Trending sorted sets of categories nobody touched for two days vanish. */
    public static final Duration TRENDING_TTL = Duration.ofDays(2);
    /** A shopper's recent items are forgotten after a month of absence. */
    public static final Duration USER_RECENT_TTL = Duration.ofDays(30);
    /** How many recent items are kept per shopper. */
    public static final int USER_RECENT_CAP = 50;
    /** Coalescing window: at most one fresh request per product per this interval. */
    public static final Duration PENDING_TTL = Duration.ofSeconds(60);
    /** How many past activations the history keeps. */
    public static final int VERSION_HISTORY_CAP = 50;
    /** A/B counts are kept per UTC day for this many days after the day ends: the console shows the last week. */
    public static final Duration COHORT_DAYS_TTL = Duration.ofDays(8);
    /** A click counts for its answer's cohort when it comes within this long of the answer (at least an hour in a replay). */
    public static final Duration COHORT_ANSWER_TTL = Duration.ofDays(1);

    private RedisKeys() {
    }

    /** Hash of one product's metadata (name, category, price, available). No TTL: a projection of the compacted catalog, removed on delete. */
    public static String product(String productId) {
        return PREFIX + "product:" + productId;
    }

    /** One product's precomputed list in a model version, compactly encoded. No TTL: removed with its version when it is retired. */
    public static String versionList(String modelVersion, String productId) {
        return PREFIX + "reco:" + modelVersion + ":" + productId;
    }

    /** Pattern matching every list of one version, for retiring it with SCAN. */
    public static String versionListPattern(String modelVersion) {
        return PREFIX + "reco:" + modelVersion + ":*";
    }

    /** One shopper's precomputed "for you" list in a model version, compactly encoded. No TTL: removed with its version when it is retired. */
    public static String userVersionList(String modelVersion, String userId) {
        return PREFIX + "foryou:" + modelVersion + ":" + userId;
    }

    /** Pattern matching every user list of one version, for retiring it with SCAN. */
    public static String userVersionListPattern(String modelVersion) {
        return PREFIX + "foryou:" + modelVersion + ":*";
    }

    /** Hash describing a version: status (staging, complete), expected and loaded counts, lineage. No TTL: removed with the version. */
    public static String versionMeta(String modelVersion) {
        return PREFIX + "model:version:" + modelVersion;
    }

    /** The active-version pointer. No TTL: it is the switch itself. */
    public static String activeVersion() {
        return PREFIX + "model:active";
    }

    /** The previous-version pointer, target of a rollback. No TTL: a pointer. */
    public static String previousVersion() {
        return PREFIX + "model:previous";
    }

    /** List of past activations, newest first, capped at {@link #VERSION_HISTORY_CAP}. No TTL: capped instead. */
    public static String versionHistory() {
        return PREFIX + "model:history";
    }

    /** Hash cohort → pinned model version. No TTL: owner configuration. */
    public static String cohortPins() {
        return PREFIX + "model:pins";
    }

    /** A product's on-demand list; expires after {@link #FRESH_TTL}. */
    public static String freshList(String productId) {
        return PREFIX + "fresh:" + productId;
    }

    /** Sorted set of the whole shop's popular products. No TTL: rewritten continuously from the event stream. */
    public static String popular() {
        return PREFIX + "popular";
    }

    /**
     * Sorted set of the catalog's products scored by when each first appeared: the epoch millis of
     * the record timestamp of its earliest upsert seen (a replay or a late duplicate never makes a
     * product newer; after compaction dropped the first upsert, a rebuilt set has the oldest one
     * still in the topic). Unavailable products stay in it and are skipped when read, so a product
     * back in stock keeps its place. No TTL: a projection of the compacted catalog topic, each
     * member removed by its product's delete or tombstone.
     */
    public static String latest() {
        return PREFIX + "latest";
    }

    /**
     * Sorted set of one category's products scored by when each first appeared, as in
     * {@link #latest()} (the same times): "the newest books" without walking the whole catalog.
     * A product that changes category moves to the new one's set. No TTL: a projection of the
     * compacted catalog topic, each member removed by its product's delete or tombstone or by its
     * move to another category (an emptied set is gone).
     */
    public static String latestInCategory(String category) {
        return PREFIX + "latest:" + category;
    }

    /** Sorted set of one category's trending products; expires after {@link #TRENDING_TTL} without writes. */
    public static String trending(String category) {
        return PREFIX + "trending:" + category;
    }

    /**
     * Sorted set of a shopper's recent items scored by the event time (epoch millis) of their
     * latest interaction, read newest first, capped at {@link #USER_RECENT_CAP}; expires after
     * {@link #USER_RECENT_TTL}.
     */
    public static String userRecent(String userId) {
        return PREFIX + "user:" + userId + ":recent";
    }

    /** Set of products a shopper bought recently (never recommended back); same TTL as recent items. */
    public static String userPurchased(String userId) {
        return PREFIX + "user:" + userId + ":purchased";
    }

    /** Marker that a fresh request for the product is already queued; set-if-absent with {@link #PENDING_TTL}. */
    public static String pending(String productId) {
        return PREFIX + "pending:" + productId;
    }

    /**
     * HyperLogLog of the request ids of the answers served to an A/B cohort on a UTC day
     * ({@code yyyy-MM-dd}); expires {@link #COHORT_DAYS_TTL} after the day.
     */
    public static String cohortServed(String cohort, String day) {
        return PREFIX + "ab:served:" + day + ":" + cohort;
    }

    /** HyperLogLog of the request ids of those answers that were clicked, by the answer's cohort and day; same TTL. */
    public static String cohortClicked(String cohort, String day) {
        return PREFIX + "ab:clicked:" + day + ":" + cohort;
    }

    /** An answer's cohort and day ({@code yyyy-MM-dd|cohort}), so its clicks count where it was served; expires after {@link #COHORT_ANSWER_TTL}. */
    public static String cohortAnswer(String requestId) {
        return PREFIX + "ab:answer:" + requestId;
    }

    /** Pattern matching every A/B count key, for a replay to remove before it counts again. */
    public static String cohortPattern() {
        return PREFIX + "ab:*";
    }

    /** Hash tier → "disabled" for tiers switched off by the owner. No TTL: owner configuration. */
    public static String killSwitches() {
        return PREFIX + "switch:tiers";
    }
}
