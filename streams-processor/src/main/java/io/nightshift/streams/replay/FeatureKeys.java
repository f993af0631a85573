package io.nightshift.streams.replay;

import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.schemas.redis.RedisKeys;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.List;

/**
 * The Redis keys a replay rebuilds, and their removal.
 *
 * <p>Only what the features topology projects from the kept-for-ever topics: product metadata
 * (from the compacted catalog), popular, trending, each shopper's recent and purchased items, and
 * the A/B cohorts' served and clicked answers.
 * Everything else stays: model versions, their lists and the active/previous pointers (results
 * are kept two weeks only, so they could not be rebuilt; a lost active version comes back from
 * its copy on {@code reco.active.v1} instead), fresh lists (TTL'd, same reason),
 * pending markers, and the owner's configuration (kill switches, cohort pins).
 *
 * <p>The one place this app talks to Redis without the feature store: removing keys by pattern
 * is a maintenance operation the serving API must never have. SCAN, never KEYS; UNLINK frees
 * memory off the main thread.
 */
final class FeatureKeys {

    static final List<String> PATTERNS = List.of(
            RedisKeys.product("*"),
            RedisKeys.popular(),
            RedisKeys.trending("*"),
            RedisKeys.userRecent("*"),
            RedisKeys.userPurchased("*"),
            RedisKeys.cohortPattern());

    private FeatureKeys() {
    }

    /** @return how many keys were removed */
    static long remove(FeatureStoreSettings redis) {
        long removed = 0;
        try (Jedis jedis = new Jedis(redis.hostAndPort(), redis.clientConfig("nightshift-replay"))) {
            for (String pattern : PATTERNS) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(pattern).count(1000));
                    if (!page.getResult().isEmpty()) {
                        removed += jedis.unlink(page.getResult().toArray(String[]::new));
                    }
                    cursor = page.getCursor();
                } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            }
        }
        return removed;
    }
}
