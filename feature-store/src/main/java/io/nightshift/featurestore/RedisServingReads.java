package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.redis.RedisKeys;

import io.nightshift.schemas.result.ScoredItem;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.resps.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.nightshift.featurestore.Arguments.requireId;
import static io.nightshift.featurestore.Replies.bytes;
import static io.nightshift.featurestore.Replies.decodeList;
import static io.nightshift.featurestore.Replies.pairs;
import static io.nightshift.featurestore.Replies.scored;
import static io.nightshift.featurestore.Replies.string;
import static io.nightshift.featurestore.Replies.strings;

/** {@link ServingReads} as two Lua scripts, each one EVALSHA: see {@code serving-read.lua} and {@code user-read.lua}. */
final class RedisServingReads implements ServingReads {

    private static final String SHARED_LUA = "shared.lua";
    private static final LuaScript SERVING_READ = LuaScript.load("serving-read.lua", SHARED_LUA);
    private static final LuaScript USER_READ = LuaScript.load("user-read.lua", SHARED_LUA);
    private static final LuaScript LATEST_READ = LuaScript.load("latest-read.lua", SHARED_LUA);

    private final RedisConnection redis;

    RedisServingReads(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public ServingSnapshot servingRead(String productId, String userId, String cohort, int candidates, String category) {
        requireId(productId, "productId");
        return snapshot(productId, redis.run(SERVING_READ, servingKeys(productId, userId), servingArgs(productId, cohort, candidates, category)));
    }

    @Override
    public List<ServingSnapshot> servingReads(List<String> productIds, String userId, String cohort, int candidates, String category) {
        productIds.forEach(id -> requireId(id, "productId"));
        if (productIds.isEmpty()) {
            return List.of();
        }
        List<Object> replies = redis.call(jedis -> {
            List<Object> read = pipelined(jedis, productIds, userId, cohort, candidates, category, false);
            // A Redis that lost its script cache (restart, SCRIPT FLUSH) answers NOSCRIPT to each: once more with the body.
            return read.contains(NO_SCRIPT) ? pipelined(jedis, productIds, userId, cohort, candidates, category, true) : read;
        });
        List<ServingSnapshot> snapshots = new ArrayList<>(productIds.size());
        for (int i = 0; i < productIds.size(); i++) {
            snapshots.add(snapshot(productIds.get(i), replies.get(i)));
        }
        return snapshots;
    }

    private static final Object NO_SCRIPT = new Object();

    private List<Object> pipelined(UnifiedJedis jedis, List<String> productIds, String userId, String cohort, int candidates, String category,
                                   boolean withBody) {
        List<Response<Object>> responses = new ArrayList<>(productIds.size());
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (String productId : productIds) {
                List<byte[]> keys = servingKeys(productId, userId);
                List<byte[]> args = servingArgs(productId, cohort, candidates, category);
                responses.add(withBody ? pipeline.eval(SERVING_READ.body(), keys, args) : pipeline.evalsha(SERVING_READ.sha(), keys, args));
            }
            pipeline.sync();
        }
        List<Object> replies = new ArrayList<>(responses.size());
        for (Response<Object> response : responses) {
            try {
                replies.add(response.get());
            } catch (JedisNoScriptException e) {
                replies.add(NO_SCRIPT);
            }
        }
        return replies;
    }

    private static List<byte[]> servingKeys(String productId, String userId) {
        var keys = new ArrayList<byte[]>(8);
        keys.add(bytes(RedisKeys.activeVersion()));
        keys.add(bytes(RedisKeys.cohortPins()));
        keys.add(bytes(RedisKeys.freshList(productId)));
        keys.add(bytes(RedisKeys.product(productId)));
        keys.add(bytes(RedisKeys.popular()));
        keys.add(bytes(RedisKeys.killSwitches()));
        boolean withUser = userId != null && !userId.isBlank();
        if (withUser) {
            keys.add(bytes(RedisKeys.userRecent(userId)));
            keys.add(bytes(RedisKeys.userPurchased(userId)));
        }
        return keys;
    }

    private static List<byte[]> servingArgs(String productId, String cohort, int candidates, String category) {
        return List.of(bytes(cohort == null ? "" : cohort), bytes(KeyTemplates.SLOT),
                bytes(KeyTemplates.versionListOf(productId)), bytes(KeyTemplates.trending()),
                bytes(Integer.toString(Math.max(0, candidates))), bytes(category == null ? "" : category));
    }

    private ServingSnapshot snapshot(String productId, Object raw) {
        List<?> reply = (List<?>) raw;
        UnreadableValues unreadable = redis.unreadable();
        return new ServingSnapshot(
                Optional.ofNullable(string(reply.get(0))),
                Optional.ofNullable(string(reply.get(1))),
                decodeList((byte[]) reply.get(2), "version list", productId),
                decodeList((byte[]) reply.get(3), "fresh list", productId),
                RedisCatalogCache.toProduct(productId, pairs((List<?>) reply.get(4)), unreadable),
                scored((List<?>) reply.get(5), unreadable),
                scored((List<?>) reply.get(6), unreadable),
                strings((List<?>) reply.get(7)),
                new LinkedHashSet<>(strings((List<?>) reply.get(8))),
                RedisServingControls.toTiers(pairs((List<?>) reply.get(9))));
    }

    @Override
    public UserSnapshot userRead(String userId, String cohort, int candidates, String category, SeedRequest seeds) {
        requireId(userId, "userId");
        List<byte[]> keys = List.of(bytes(RedisKeys.activeVersion()), bytes(RedisKeys.cohortPins()),
                bytes(RedisKeys.popular()), bytes(RedisKeys.killSwitches()),
                bytes(RedisKeys.userRecent(userId)), bytes(RedisKeys.userPurchased(userId)));
        List<byte[]> args = List.of(bytes(cohort == null ? "" : cohort), bytes(KeyTemplates.SLOT),
                bytes(KeyTemplates.userVersionListOf(userId)), bytes(Integer.toString(Math.max(0, candidates))),
                bytes(KeyTemplates.trending()), bytes(category == null ? "" : category),
                bytes(Integer.toString(seeds.seeds())), bytes(Integer.toString(seeds.whenFewerThan())),
                bytes(KeyTemplates.versionListOfAny()), bytes(KeyTemplates.SECOND_SLOT),
                bytes(KeyTemplates.freshList()), bytes(KeyTemplates.product()),
                bytes(Integer.toString(seeds.trendingCandidates())),
                bytes(Tier.BATCH.wire()), bytes(Tier.FRESH.wire()), bytes(RedisServingControls.DISABLED));
        List<?> reply = (List<?>) redis.run(USER_READ, keys, args);
        Set<Tier> disabled = RedisServingControls.toTiers(pairs((List<?>) reply.get(6)));
        Optional<List<SeedSnapshot>> seedSnapshots = Optional.empty();
        if (reply.get(8) != null) {
            List<SeedSnapshot> read = new ArrayList<>();
            for (Object seed : (List<?>) reply.get(8)) {
                read.add(seed((List<?>) seed, disabled, cohort, seeds.trendingCandidates()));
            }
            seedSnapshots = Optional.of(read);
        }
        return new UserSnapshot(
                Optional.ofNullable(string(reply.get(0))),
                Optional.ofNullable(string(reply.get(1))),
                decodeList((byte[]) reply.get(2), "user list", userId),
                strings((List<?>) reply.get(3)),
                new LinkedHashSet<>(strings((List<?>) reply.get(4))),
                scored((List<?>) reply.get(5), redis.unreadable()),
                disabled,
                scored((List<?>) reply.get(7), redis.unreadable()),
                seedSnapshots);
    }

    /**
     * One seed of {@code user-read.lua}'s reply: {product, batch list, fresh list, trending}, where
     * trending is nil when the script found a usable list. Should that list not decode here (the
     * script reads only its header), the seed is read again in full, so the pick stays what a
     * product page of it would make.
     */
    private SeedSnapshot seed(List<?> reply, Set<Tier> disabled, String cohort, int trendingCandidates) {
        String productId = string(reply.get(0));
        Optional<StoredList> batch = decodeList((byte[]) reply.get(1), "version list", productId);
        Optional<StoredList> fresh = decodeList((byte[]) reply.get(2), "fresh list", productId);
        boolean trendingRead = reply.get(3) != null;
        if (!trendingRead && !serves(batch, Tier.BATCH, disabled) && !serves(fresh, Tier.FRESH, disabled)) {
            ServingSnapshot full = servingRead(productId, null, cohort, trendingCandidates);
            return new SeedSnapshot(productId, full.batchList(), full.freshList(), full.trending());
        }
        List<ScoredItem> trending = trendingRead ? scored((List<?>) reply.get(3), redis.unreadable()) : List.of();
        return new SeedSnapshot(productId, batch, fresh, trending);
    }

    private static boolean serves(Optional<StoredList> list, Tier tier, Set<Tier> disabled) {
        return !disabled.contains(tier) && list.isPresent() && !list.get().items().isEmpty();
    }

    @Override
    public ShopListSnapshot popularRead(String category, int candidates) {
        String key = category == null ? RedisKeys.popular() : RedisKeys.trending(category);
        int n = Math.max(0, candidates);
        return redis.call(jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                Response<List<Tuple>> items = n == 0 ? null : pipeline.zrevrangeWithScores(key, 0, n - 1);
                Response<Map<String, String>> switches = pipeline.hgetAll(RedisKeys.killSwitches());
                pipeline.sync();
                List<ScoredItem> read = new ArrayList<>();
                if (items != null) {
                    for (Tuple tuple : items.get()) {
                        if (redis.unreadable().isFinite(tuple.getScore(), "score of " + tuple.getElement())) {
                            read.add(new ScoredItem(tuple.getElement(), tuple.getScore()));
                        }
                    }
                }
                return new ShopListSnapshot(read, RedisServingControls.toTiers(switches.get()));
            }
        });
    }

    @Override
    public ShopListSnapshot latestRead(String category, int limit) {
        int n = Math.max(0, limit);
        String newest = category == null ? RedisKeys.latest() : RedisKeys.latestInCategory(category);
        List<byte[]> keys = List.of(bytes(newest), bytes(RedisKeys.killSwitches()));
        List<byte[]> args = List.of(bytes(KeyTemplates.SLOT), bytes(RedisKeys.product(KeyTemplates.SLOT)),
                bytes(category == null ? "" : category), bytes(Integer.toString(n)), bytes(Integer.toString(Math.max(1000, 10 * n))));
        List<?> reply = (List<?>) redis.run(LATEST_READ, keys, args);
        return new ShopListSnapshot(scored((List<?>) reply.get(0), redis.unreadable()), RedisServingControls.toTiers(pairs((List<?>) reply.get(1))));
    }

    @Override
    public long unreadableValues() {
        return redis.unreadable().count();
    }
}
