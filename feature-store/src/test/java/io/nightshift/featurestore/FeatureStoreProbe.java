package io.nightshift.featurestore;

import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a test asserts on and that no application needs: single keys the applications only read
 * inside a serving read, and versions that are not served. Goes through the store's own pool,
 * guard and decoding, so what a test sees is what a serving read would see. Shared with the
 * applications' tests through this module's test jar.
 */
public final class FeatureStoreProbe {

    private final RedisConnection redis;

    private FeatureStoreProbe(RedisConnection redis) {
        this.redis = redis;
    }

    public static FeatureStoreProbe probe(FeatureStore store) {
        return new FeatureStoreProbe(store.connection());
    }

    /** The shop's most popular products, best first; unusable scores skipped and counted like a serving read does. */
    public List<ScoredItem> popular(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return redis.call(jedis -> jedis.zrevrangeWithScores(RedisKeys.popular(), 0, limit - 1)).stream()
                .filter(t -> redis.unreadable().isFinite(t.getScore(), "popular score of " + t.getElement()))
                .map(t -> new ScoredItem(t.getElement(), t.getScore())).toList();
    }

    /** The category's trending products, best first. */
    public List<ScoredItem> trending(String category, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String key = RedisKeys.trending(category);
        return redis.call(jedis -> jedis.zrevrangeWithScores(key, 0, limit - 1)).stream()
                .map(t -> new ScoredItem(t.getElement(), t.getScore())).toList();
    }

    /** The user's recent items, newest (latest event time) first; a list of the old layout read as the serving read reads it. */
    public List<String> recentItems(String userId) {
        String key = RedisKeys.userRecent(userId);
        return redis.call(jedis -> "list".equals(jedis.type(key)) ? jedis.lrange(key, 0, -1) : jedis.zrevrange(key, 0, -1));
    }

    /** What the user bought recently. */
    public Set<String> purchased(String userId) {
        return Set.copyOf(redis.call(jedis -> jedis.smembers(RedisKeys.userPurchased(userId))));
    }

    /** The product's fresh list, until it expires. */
    public Optional<StoredList> freshList(String productId) {
        byte[] key = Replies.bytes(RedisKeys.freshList(productId));
        return Replies.decodeList(redis.call(jedis -> jedis.get(key)), "fresh list", productId);
    }

    /** One product's list in a given version, whether or not that version is served. */
    public Optional<StoredList> versionList(String modelVersion, String productId) {
        byte[] key = Replies.bytes(RedisKeys.versionList(modelVersion, productId));
        return Replies.decodeList(redis.call(jedis -> jedis.get(key)), "version list", productId);
    }

    /** One shopper's "for you" list in a given version, whether or not that version is served. */
    public Optional<StoredList> userVersionList(String modelVersion, String userId) {
        byte[] key = Replies.bytes(RedisKeys.userVersionList(modelVersion, userId));
        return Replies.decodeList(redis.call(jedis -> jedis.get(key)), "user list", userId);
    }

    /** The versions that became active, newest first: {@link ModelVersions#activations()} without who and when. */
    public List<String> versionHistory() {
        return redis.call(jedis -> jedis.lrange(RedisKeys.versionHistory(), 0, -1)).stream()
                .map(HistoryEntry::parse).map(VersionActivation::modelVersion).toList();
    }
}
