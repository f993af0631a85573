package io.nightshift.featurestore;

import io.nightshift.schemas.redis.RedisKeys;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

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

    private final RedisConnection redis;

    RedisServingReads(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public ServingSnapshot servingRead(String productId, String userId, String cohort, int candidates, String category) {
        requireId(productId, "productId");
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
        List<byte[]> args = List.of(bytes(cohort == null ? "" : cohort), bytes(KeyTemplates.SLOT),
                bytes(KeyTemplates.versionListOf(productId)), bytes(KeyTemplates.trending()),
                bytes(Integer.toString(Math.max(0, candidates))), bytes(category == null ? "" : category));
        List<?> reply = (List<?>) redis.run(SERVING_READ, keys, args);
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
    public UserSnapshot userRead(String userId, String cohort, int candidates, String category) {
        requireId(userId, "userId");
        List<byte[]> keys = List.of(bytes(RedisKeys.activeVersion()), bytes(RedisKeys.cohortPins()),
                bytes(RedisKeys.popular()), bytes(RedisKeys.killSwitches()),
                bytes(RedisKeys.userRecent(userId)), bytes(RedisKeys.userPurchased(userId)));
        List<byte[]> args = List.of(bytes(cohort == null ? "" : cohort), bytes(KeyTemplates.SLOT),
                bytes(KeyTemplates.userVersionListOf(userId)), bytes(Integer.toString(Math.max(0, candidates))),
                bytes(KeyTemplates.trending()), bytes(category == null ? "" : category));
        List<?> reply = (List<?>) redis.run(USER_READ, keys, args);
        return new UserSnapshot(
                Optional.ofNullable(string(reply.get(0))),
                Optional.ofNullable(string(reply.get(1))),
                decodeList((byte[]) reply.get(2), "user list", userId),
                strings((List<?>) reply.get(3)),
                new LinkedHashSet<>(strings((List<?>) reply.get(4))),
                scored((List<?>) reply.get(5), redis.unreadable()),
                RedisServingControls.toTiers(pairs((List<?>) reply.get(6))),
                scored((List<?>) reply.get(7), redis.unreadable()));
    }

    @Override
    public long unreadableValues() {
        return redis.unreadable().count();
    }
}
