package io.nightshift.featurestore;

import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import redis.clients.jedis.params.SetParams;

import java.time.Instant;
import java.util.List;

import static io.nightshift.featurestore.Arguments.requireId;
import static io.nightshift.featurestore.Arguments.requireVersion;
import static io.nightshift.featurestore.Replies.bytes;

/** {@link FreshLists} in Redis: a {@code SET NX PX} marker, and a script that keeps the newer of two lists. */
final class RedisFreshLists implements FreshLists {

    private static final LuaScript PUT_FRESH_LIST = LuaScript.load("put-fresh-list.lua");

    private final RedisConnection redis;

    RedisFreshLists(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public boolean markPending(String productId) {
        String key = RedisKeys.pending(requireId(productId, "productId"));
        SetParams params = SetParams.setParams().nx().px(RedisKeys.PENDING_TTL.toMillis());
        return "OK".equals(redis.call(jedis -> jedis.set(key, "1", params)));
    }

    @Override
    public void putFreshList(String productId, String modelVersion, List<ScoredItem> items, Instant computedAt) {
        requireId(productId, "productId");
        requireVersion(modelVersion);
        // The list lives FRESH_TTL from when it was computed, not from when it arrived: a
        // replayed day-old result must not come back for another full day.
        long ttlMillis = Math.min(RedisKeys.FRESH_TTL.toMillis(),
                RedisKeys.FRESH_TTL.toMillis() - (redis.clock().millis() - computedAt.toEpochMilli()));
        if (ttlMillis <= 0) {
            return;
        }
        byte[] encoded = ProductListCodec.encode(new StoredList(modelVersion, computedAt, items));
        List<byte[]> keys = List.of(bytes(RedisKeys.freshList(productId)));
        List<byte[]> args = List.of(encoded, bytes(Long.toString(ttlMillis)));
        redis.run(PUT_FRESH_LIST, keys, args);
    }
}
