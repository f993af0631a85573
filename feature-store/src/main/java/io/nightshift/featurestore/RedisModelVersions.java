package io.nightshift.featurestore;

import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import tools.jackson.core.JacksonException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static io.nightshift.featurestore.Arguments.requireId;
import static io.nightshift.featurestore.Arguments.requireVersion;
import static io.nightshift.featurestore.Replies.bytes;
import static io.nightshift.featurestore.Replies.string;

/**
 * {@link ModelVersions} in Redis. Multi-key invariants (staging counts, pointer switches) are Lua
 * scripts, so each is atomic and one round trip.
 */
final class RedisModelVersions implements ModelVersions {

    private static final System.Logger LOG = System.getLogger(RedisModelVersions.class.getName());

    /** An incomplete version staged within this window is still loading: retiring it would race its loader. */
    static final Duration STAGING_GRACE = Duration.ofHours(1);
    private static final int SCAN_BATCH = 500;
    /** The version meta field holding the lineage as JSON (the other fields are the loading status). */
    private static final String LINEAGE = "lineage";

    private static final String SHARED_LUA = "shared.lua";
    private static final LuaScript STAGE_LIST = LuaScript.load("stage-list.lua");
    private static final LuaScript ACTIVATE = LuaScript.load("activate.lua", SHARED_LUA);
    private static final LuaScript ROLLBACK = LuaScript.load("rollback.lua", SHARED_LUA);

    private final RedisConnection redis;

    RedisModelVersions(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public VersionStatus stageList(String modelVersion, String productId, List<ScoredItem> items, Instant computedAt, long expectedTotal) {
        requireVersion(modelVersion);
        requireId(productId, "productId");
        return stage(modelVersion, RedisKeys.versionList(modelVersion, productId), items, computedAt, expectedTotal);
    }

    @Override
    public VersionStatus stageUserList(String modelVersion, String userId, List<ScoredItem> items, Instant computedAt, long expectedTotal) {
        requireVersion(modelVersion);
        requireId(userId, "userId");
        return stage(modelVersion, RedisKeys.userVersionList(modelVersion, userId), items, computedAt, expectedTotal);
    }

    /** Product and user lists share one counter (the meta hash's {@code loaded}), so the version completes at their sum. */
    private VersionStatus stage(String modelVersion, String listKey, List<ScoredItem> items, Instant computedAt, long expectedTotal) {
        if (expectedTotal < 1) {
            throw new IllegalArgumentException("expectedTotal must be at least 1, was " + expectedTotal);
        }
        byte[] encoded = ProductListCodec.encode(new StoredList(modelVersion, computedAt, items));
        List<byte[]> keys = List.of(bytes(listKey), bytes(RedisKeys.versionMeta(modelVersion)));
        List<byte[]> args = List.of(encoded, bytes(Long.toString(expectedTotal)), bytes(Long.toString(redis.clock().millis())));
        List<?> reply = (List<?>) redis.run(STAGE_LIST, keys, args);
        return new VersionStatus(modelVersion, (Long) reply.get(1), (Long) reply.get(0), (Long) reply.get(2) == 1L);
    }

    @Override
    public void putLineage(String modelVersion, Lineage lineage) {
        requireVersion(modelVersion);
        Objects.requireNonNull(lineage, "lineage");
        String json = ContractCodec.MAPPER.writeValueAsString(lineage);
        // Only the lineage field and the touched time: without "expected" the version still has no
        // status, so a lineage that arrives before the lists can neither make the version look
        // complete nor let it be activated or pinned. "touched" spares such a version from
        // retirement for the staging grace, like a version whose first lists just arrived.
        Map<String, String> fields = Map.of(LINEAGE, json, "touched", Long.toString(redis.clock().millis()));
        redis.call(jedis -> jedis.hset(RedisKeys.versionMeta(modelVersion), fields));
    }

    @Override
    public Optional<Lineage> lineage(String modelVersion) {
        requireVersion(modelVersion);
        String json = redis.call(jedis -> jedis.hget(RedisKeys.versionMeta(modelVersion), LINEAGE));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContractCodec.MAPPER.readValue(json, Lineage.class));
        } catch (JacksonException e) {
            // A corrupt lineage is missing information on a console, not a reason to fail the caller.
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable lineage of model version " + modelVersion + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void forEachList(String modelVersion, Consumer<VersionList> each) {
        requireVersion(modelVersion);
        Objects.requireNonNull(each, "each");
        readLists(RedisKeys.versionList(modelVersion, ""), false, each);
        readLists(RedisKeys.userVersionList(modelVersion, ""), true, each);
    }

    /** Every key under {@code prefix}, read back a SCAN page at a time with one MGET per page. */
    private void readLists(String prefix, boolean forUser, Consumer<VersionList> each) {
        var params = new ScanParams().match(prefix + "*").count(SCAN_BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            String at = cursor;
            ScanResult<String> page = redis.call(jedis -> jedis.scan(at, params));
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                List<byte[]> values = redis.call(jedis -> jedis.mget(keys.stream().map(Replies::bytes).toArray(byte[][]::new)));
                for (int i = 0; i < keys.size(); i++) {
                    String ownerId = keys.get(i).substring(prefix.length());
                    Optional<StoredList> list = Replies.decodeList(values.get(i), forUser ? "user list" : "version list", keys.get(i));
                    list.ifPresent(stored -> each.accept(new VersionList(forUser, ownerId, stored)));
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }

    @Override
    public Optional<VersionStatus> versionStatus(String modelVersion) {
        requireVersion(modelVersion);
        List<String> meta = redis.call(jedis -> jedis.hmget(RedisKeys.versionMeta(modelVersion), "expected", "loaded"));
        return toStatus(modelVersion, meta.get(0), meta.get(1));
    }

    @Override
    public ActivationResult activate(String modelVersion, String actor) {
        requireVersion(modelVersion);
        requireId(actor, "actor");
        List<byte[]> keys = List.of(bytes(RedisKeys.versionMeta(modelVersion)), bytes(RedisKeys.activeVersion()),
                bytes(RedisKeys.previousVersion()), bytes(RedisKeys.versionHistory()));
        List<byte[]> args = List.of(bytes(modelVersion),
                bytes(HistoryEntry.template(actor, redis.clock().instant(), VersionActivation.Action.ACTIVATE)),
                bytes(KeyTemplates.SLOT), bytes(Integer.toString(RedisKeys.VERSION_HISTORY_CAP)));
        return toActivation(redis.run(ACTIVATE, keys, args));
    }

    @Override
    public ActivationResult rollback(String actor) {
        requireId(actor, "actor");
        List<byte[]> keys = List.of(bytes(RedisKeys.activeVersion()), bytes(RedisKeys.previousVersion()),
                bytes(RedisKeys.versionHistory()));
        List<byte[]> args = List.of(bytes(HistoryEntry.template(actor, redis.clock().instant(), VersionActivation.Action.ROLLBACK)),
                bytes(KeyTemplates.versionMeta()), bytes(KeyTemplates.SLOT),
                bytes(Integer.toString(RedisKeys.VERSION_HISTORY_CAP)));
        return toActivation(redis.run(ROLLBACK, keys, args));
    }

    @Override
    public Optional<String> activeVersion() {
        return Optional.ofNullable(redis.call(jedis -> jedis.get(RedisKeys.activeVersion())));
    }

    @Override
    public Optional<String> previousVersion() {
        return Optional.ofNullable(redis.call(jedis -> jedis.get(RedisKeys.previousVersion())));
    }

    @Override
    public List<VersionActivation> activations() {
        return redis.call(jedis -> jedis.lrange(RedisKeys.versionHistory(), 0, -1)).stream().map(HistoryEntry::parse).toList();
    }

    @Override
    public List<String> retireVersionsExcept(Set<String> keep) {
        Objects.requireNonNull(keep, "keep");
        return redis.call(jedis -> {
            Set<String> kept = new HashSet<>(keep);
            Optional.ofNullable(jedis.get(RedisKeys.activeVersion())).ifPresent(kept::add);
            Optional.ofNullable(jedis.get(RedisKeys.previousVersion())).ifPresent(kept::add);
            kept.addAll(jedis.hvals(RedisKeys.cohortPins()));

            Set<String> retired = new TreeSet<>();
            long now = redis.clock().millis();
            for (String metaKey : scan(jedis, RedisKeys.versionMeta("*"))) {
                String version = KeyTemplates.versionOfMetaKey(metaKey);
                if (version == null || kept.contains(version)) {
                    continue;
                }
                List<String> meta = jedis.hmget(metaKey, "expected", "loaded", "touched");
                if (stillLoading(meta, now)) {
                    continue;
                }
                // Meta first: if we die half-way, the lists left behind have no meta and are
                // cleaned up next time, and a re-staged version can only under-count, never
                // look complete while lists are missing.
                jedis.unlink(metaKey);
                retired.add(version);
            }
            deleteListsOfRetired(jedis, kept, retired);
            return List.copyOf(retired);
        });
    }

    private static boolean stillLoading(List<String> meta, long now) {
        Optional<VersionStatus> status = toStatus("", meta.get(0), meta.get(1));
        // No status at all: only a lineage arrived so far, and the lists may be on their way.
        boolean incomplete = status.isEmpty() || !status.get().complete();
        long touched = meta.get(2) == null ? 0 : Long.parseLong(meta.get(2));
        return incomplete && now - touched < STAGING_GRACE.toMillis();
    }

    /**
     * Deletes the product and user lists of retired versions and orphans (lists whose version has
     * no count left in its meta).
     */
    private static void deleteListsOfRetired(JedisPooled jedis, Set<String> kept, Set<String> retired) {
        Map<String, Boolean> orphan = new HashMap<>();
        var batch = new ArrayList<String>(SCAN_BATCH);
        List<String> listKeys = new ArrayList<>(scan(jedis, RedisKeys.versionListPattern("*")));
        listKeys.addAll(scan(jedis, RedisKeys.userVersionListPattern("*")));
        for (String listKey : listKeys) {
            String version = KeyTemplates.versionOfAnyListKey(listKey);
            if (version == null || kept.contains(version)) {
                continue;
            }
            // A list's meta gets its expected count in the same script as the list, so a meta
            // without one means retired (a late lineage may have recreated the hash since).
            boolean gone = retired.contains(version)
                    || orphan.computeIfAbsent(version, v -> !jedis.hexists(RedisKeys.versionMeta(v), "expected"));
            if (gone) {
                retired.add(version);
                batch.add(listKey);
            }
            if (batch.size() >= SCAN_BATCH) {
                jedis.unlink(batch.toArray(String[]::new));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            jedis.unlink(batch.toArray(String[]::new));
        }
    }

    /** Collects the keys first: deleting while a SCAN cursor walks is allowed, but collecting keeps the loop simple. */
    private static List<String> scan(JedisPooled jedis, String pattern) {
        var keys = new ArrayList<String>();
        var params = new ScanParams().match(pattern).count(SCAN_BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return keys;
    }

    private static Optional<VersionStatus> toStatus(String modelVersion, String expected, String loaded) {
        if (expected == null) {
            return Optional.empty();
        }
        long total = Long.parseLong(expected);
        long count = loaded == null ? 0 : Long.parseLong(loaded);
        return Optional.of(new VersionStatus(modelVersion, total, count, count >= total));
    }

    private static ActivationResult toActivation(Object reply) {
        List<?> values = (List<?>) reply;
        return new ActivationResult((Long) values.get(0) == 1L, string(values.get(1)), string(values.get(2)),
                Optional.ofNullable(string(values.get(3))));
    }
}
