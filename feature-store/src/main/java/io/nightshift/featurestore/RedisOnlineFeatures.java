package io.nightshift.featurestore;

import io.nightshift.schemas.redis.RedisKeys;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static io.nightshift.featurestore.Arguments.requireFinite;
import static io.nightshift.featurestore.Arguments.requireId;
import static io.nightshift.featurestore.Replies.bytes;

/**
 * {@link OnlineFeatures} in Redis: a key and its TTL change together, trending and purchases in a
 * MULTI/EXEC transaction, recent items in a script (it reads before it writes).
 */
final class RedisOnlineFeatures implements OnlineFeatures {

    private static final LuaScript PUSH_RECENT = LuaScript.load("push-recent.lua");
    private static final LuaScript FORGET_SHOPPER = LuaScript.load("forget-shopper.lua");

    private final RedisConnection redis;

    RedisOnlineFeatures(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public void setPopular(String productId, double score) {
        String member = requireId(productId, "productId");
        requireFinite(score, "popular score of " + member);
        redis.call(jedis -> jedis.zadd(RedisKeys.popular(), score, member));
    }

    @Override
    public void setTrending(String category, String productId, double score) {
        String key = RedisKeys.trending(requireId(category, "category"));
        String member = requireId(productId, "productId");
        requireFinite(score, "trending score of " + member);
        redis.call(jedis -> {
            try (AbstractTransaction tx = jedis.multi()) {
                tx.zadd(key, score, member);
                tx.pexpire(key, RedisKeys.TRENDING_TTL.toMillis());
                tx.exec();
            }
            return null;
        });
    }

    @Override
    public void removeTrending(String category, String productId) {
        String key = RedisKeys.trending(requireId(category, "category"));
        String member = requireId(productId, "productId");
        redis.call(jedis -> jedis.zrem(key, member));
    }

    @Override
    public List<ScoreWrite.Refused> writeScores(List<ScoreWrite> writes) {
        if (writes.isEmpty()) {
            return List.of();
        }
        List<Response<Long>> replies = new ArrayList<>(writes.size());
        redis.call(jedis -> {
            Set<String> trendingKeys = new LinkedHashSet<>();
            try (AbstractTransaction tx = jedis.multi()) {
                for (ScoreWrite write : writes) {
                    String key = write.ranking() == ScoreWrite.Ranking.POPULAR ? RedisKeys.popular() : RedisKeys.trending(write.category());
                    replies.add(write.remove() ? tx.zrem(key, write.productId()) : tx.zadd(key, write.score(), write.productId()));
                    if (write.ranking() == ScoreWrite.Ranking.TRENDING && !write.remove()) {
                        trendingKeys.add(key);
                    }
                }
                // After the writes: a set recreated by one of them gets its expiry too.
                trendingKeys.forEach(key -> tx.pexpire(key, RedisKeys.TRENDING_TTL.toMillis()));
                tx.exec();
            }
            return null;
        });
        List<ScoreWrite.Refused> refused = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            try {
                replies.get(i).get();
            } catch (JedisDataException e) {
                refused.add(new ScoreWrite.Refused(writes.get(i), e));
            }
        }
        return refused;
    }

    @Override
    public void pushRecent(String userId, String productId, Instant occurredAt) {
        Objects.requireNonNull(occurredAt, "occurredAt");
        List<byte[]> keys = List.of(bytes(RedisKeys.userRecent(requireId(userId, "userId"))));
        List<byte[]> args = List.of(bytes(requireId(productId, "productId")), bytes(Long.toString(occurredAt.toEpochMilli())),
                bytes(Integer.toString(RedisKeys.USER_RECENT_CAP)), bytes(Long.toString(RedisKeys.USER_RECENT_TTL.toMillis())));
        redis.run(PUSH_RECENT, keys, args);
    }

    @Override
    public void recordPurchase(String userId, String productId) {
        String key = RedisKeys.userPurchased(requireId(userId, "userId"));
        String item = requireId(productId, "productId");
        redis.call(jedis -> {
            try (AbstractTransaction tx = jedis.multi()) {
                tx.sadd(key, item);
                tx.pexpire(key, RedisKeys.USER_RECENT_TTL.toMillis());
                tx.exec();
            }
            return null;
        });
    }

    @Override
    public long forgetShopper(String userId, Instant before) {
        String user = requireId(userId, "userId");
        Objects.requireNonNull(before, "before");
        redis.run(FORGET_SHOPPER, List.of(bytes(RedisKeys.userRecent(user)), bytes(RedisKeys.userPurchased(user))),
                List.of(bytes(Long.toString(before.toEpochMilli()))));
        return redis.call(jedis -> {
            // Every staged version's meta, whatever its state: a retired version's lists are gone already.
            List<String> lists = new ArrayList<>();
            ScanParams params = new ScanParams().match(RedisKeys.versionMeta("*")).count(500);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                for (String metaKey : page.getResult()) {
                    String version = KeyTemplates.versionOfMetaKey(metaKey);
                    if (version != null) {
                        lists.add(RedisKeys.userVersionList(version, user));
                    }
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            return lists.isEmpty() ? 0L : jedis.del(lists.toArray(String[]::new));
        });
    }
}
