package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@link FeatureStore} on a pooled Jedis 7 client ({@link JedisPooled}).
 *
 * <p>Multi-key invariants (staging counts, pointer switches, pins, the serving snapshot) are Lua
 * scripts, so each is atomic and one round trip; simple multi-command updates of one key
 * (trending) are MULTI/EXEC transactions, and recent items a script (it reads before it writes).
 */
final class RedisFeatureStore implements FeatureStore {

    private static final System.Logger LOG = System.getLogger(RedisFeatureStore.class.getName());

    /** The schemas' pattern for model versions; it also keeps SCAN patterns and history entries unambiguous. */
    private static final Pattern MODEL_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** An incomplete version staged within this window is still loading: retiring it would race its loader. */
    static final Duration STAGING_GRACE = Duration.ofHours(1);
    private static final int SCAN_BATCH = 500;
    private static final String AVAILABLE = "1";
    private static final String UNAVAILABLE = "0";
    private static final String DISABLED = "disabled";
    /** The version meta field holding the lineage as JSON (the other fields are the loading status). */
    private static final String LINEAGE = "lineage";

    private static final String SHARED_LUA = "shared.lua";
    private static final LuaScript STAGE_LIST = LuaScript.load("stage-list.lua");
    private static final LuaScript ACTIVATE = LuaScript.load("activate.lua", SHARED_LUA);
    private static final LuaScript ROLLBACK = LuaScript.load("rollback.lua", SHARED_LUA);
    private static final LuaScript PIN_COHORT = LuaScript.load("pin-cohort.lua");
    private static final LuaScript PUT_FRESH_LIST = LuaScript.load("put-fresh-list.lua");
    private static final LuaScript SERVING_READ = LuaScript.load("serving-read.lua", SHARED_LUA);
    private static final LuaScript USER_READ = LuaScript.load("user-read.lua", SHARED_LUA);
    private static final LuaScript PUSH_RECENT = LuaScript.load("push-recent.lua");

    private final FeatureStoreSettings settings;
    private final JedisPooled jedis;
    private final Clock clock;
    private final UnreadableValues unreadable = new UnreadableValues();

    RedisFeatureStore(FeatureStoreSettings settings) {
        this(settings, null, Clock.systemUTC());
    }

    /**
     * @param socketFactory how connections are opened; {@code null} for plain TCP. Tests pass one
     *                      that counts round trips.
     */
    RedisFeatureStore(FeatureStoreSettings settings, JedisSocketFactory socketFactory, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = clock;
        int timeoutMillis = (int) settings.timeout().toMillis();
        JedisClientConfig clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("nightshift-feature-store")
                // CLIENT SETINFO costs a round trip per new connection and Redis 6 rejects it anyway.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build();
        var pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        // Without this a saturated pool waits for ever; with it the caller falls back like on any outage.
        pool.setMaxWait(settings.timeout());
        pool.setJmxEnabled(false);
        JedisSocketFactory sockets = socketFactory != null ? socketFactory
                : new DefaultJedisSocketFactory(new HostAndPort(settings.host(), settings.port()), clientConfig);
        this.jedis = new JedisPooled(pool, sockets, clientConfig);
    }

    @Override
    public Duration ping() {
        return guard(() -> {
            long start = System.nanoTime();
            jedis.ping();
            return Duration.ofNanos(System.nanoTime() - start);
        });
    }

    // --- catalog projection -------------------------------------------------------------

    @Override
    public void putProduct(Product product) {
        Objects.requireNonNull(product, "product");
        String key = RedisKeys.product(requireId(product.productId(), "productId"));
        var fields = new HashMap<String, String>();
        if (product.name() != null) {
            fields.put("name", product.name());
        }
        if (product.category() != null) {
            fields.put("category", product.category());
        }
        if (product.price() != null) {
            fields.put("price", Double.toString(product.price()));
        }
        fields.put("available", product.available() ? AVAILABLE : UNAVAILABLE);
        guard(() -> {
            // DEL first so a field the new version no longer has (a removed price) does not linger.
            try (AbstractTransaction tx = jedis.multi()) {
                tx.del(key);
                tx.hset(key, fields);
                tx.exec();
            }
            return null;
        });
    }

    @Override
    public void deleteProduct(String productId) {
        String key = RedisKeys.product(requireId(productId, "productId"));
        guard(() -> jedis.del(key));
    }

    @Override
    public Optional<Product> product(String productId) {
        String key = RedisKeys.product(requireId(productId, "productId"));
        return toProduct(productId, guard(() -> jedis.hgetAll(key)));
    }

    // --- model versions -----------------------------------------------------------------

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
        List<byte[]> args = List.of(encoded, bytes(Long.toString(expectedTotal)), bytes(Long.toString(clock.millis())));
        List<?> reply = (List<?>) guard(() -> STAGE_LIST.run(jedis, keys, args));
        return new VersionStatus(modelVersion, (Long) reply.get(1), (Long) reply.get(0), (Long) reply.get(2) == 1L);
    }

    @Override
    public Optional<StoredList> userVersionList(String modelVersion, String userId) {
        requireVersion(modelVersion);
        byte[] key = bytes(RedisKeys.userVersionList(modelVersion, requireId(userId, "userId")));
        return decodeList(guard(() -> jedis.get(key)), "user list", userId);
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
        guard(() -> jedis.hset(RedisKeys.versionMeta(modelVersion),
                Map.of(LINEAGE, json, "touched", Long.toString(clock.millis()))));
    }

    @Override
    public Optional<Lineage> lineage(String modelVersion) {
        requireVersion(modelVersion);
        String json = guard(() -> jedis.hget(RedisKeys.versionMeta(modelVersion), LINEAGE));
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
    public Optional<VersionStatus> versionStatus(String modelVersion) {
        requireVersion(modelVersion);
        List<String> meta = guard(() -> jedis.hmget(RedisKeys.versionMeta(modelVersion), "expected", "loaded"));
        return toStatus(modelVersion, meta.get(0), meta.get(1));
    }

    @Override
    public ActivationResult activate(String modelVersion, String actor) {
        requireVersion(modelVersion);
        requireId(actor, "actor");
        List<byte[]> keys = List.of(bytes(RedisKeys.versionMeta(modelVersion)), bytes(RedisKeys.activeVersion()),
                bytes(RedisKeys.previousVersion()), bytes(RedisKeys.versionHistory()));
        List<byte[]> args = List.of(bytes(modelVersion),
                bytes(HistoryEntry.template(actor, clock.instant(), VersionActivation.Action.ACTIVATE)),
                bytes(KeyTemplates.SLOT), bytes(Integer.toString(RedisKeys.VERSION_HISTORY_CAP)));
        return toActivation(guard(() -> ACTIVATE.run(jedis, keys, args)));
    }

    @Override
    public ActivationResult rollback(String actor) {
        requireId(actor, "actor");
        List<byte[]> keys = List.of(bytes(RedisKeys.activeVersion()), bytes(RedisKeys.previousVersion()),
                bytes(RedisKeys.versionHistory()));
        List<byte[]> args = List.of(bytes(HistoryEntry.template(actor, clock.instant(), VersionActivation.Action.ROLLBACK)),
                bytes(KeyTemplates.versionMeta()), bytes(KeyTemplates.SLOT),
                bytes(Integer.toString(RedisKeys.VERSION_HISTORY_CAP)));
        return toActivation(guard(() -> ROLLBACK.run(jedis, keys, args)));
    }

    @Override
    public Optional<String> activeVersion() {
        return Optional.ofNullable(guard(() -> jedis.get(RedisKeys.activeVersion())));
    }

    @Override
    public Optional<String> previousVersion() {
        return Optional.ofNullable(guard(() -> jedis.get(RedisKeys.previousVersion())));
    }

    @Override
    public List<String> versionHistory() {
        return activations().stream().map(VersionActivation::modelVersion).toList();
    }

    @Override
    public List<VersionActivation> activations() {
        return guard(() -> jedis.lrange(RedisKeys.versionHistory(), 0, -1)).stream().map(HistoryEntry::parse).toList();
    }

    @Override
    public List<String> retireVersionsExcept(Set<String> keep) {
        Objects.requireNonNull(keep, "keep");
        return guard(() -> {
            Set<String> kept = new HashSet<>(keep);
            Optional.ofNullable(jedis.get(RedisKeys.activeVersion())).ifPresent(kept::add);
            Optional.ofNullable(jedis.get(RedisKeys.previousVersion())).ifPresent(kept::add);
            kept.addAll(jedis.hvals(RedisKeys.cohortPins()));

            Set<String> retired = new TreeSet<>();
            long now = clock.millis();
            for (String metaKey : scan(RedisKeys.versionMeta("*"))) {
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
            deleteListsOfRetired(kept, retired);
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
    private void deleteListsOfRetired(Set<String> kept, Set<String> retired) {
        Map<String, Boolean> orphan = new HashMap<>();
        var batch = new ArrayList<String>(SCAN_BATCH);
        List<String> listKeys = new ArrayList<>(scan(RedisKeys.versionListPattern("*")));
        listKeys.addAll(scan(RedisKeys.userVersionListPattern("*")));
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
    private List<String> scan(String pattern) {
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

    @Override
    public Optional<StoredList> versionList(String modelVersion, String productId) {
        requireVersion(modelVersion);
        byte[] key = bytes(RedisKeys.versionList(modelVersion, requireId(productId, "productId")));
        return decodeList(guard(() -> jedis.get(key)), "version list", productId);
    }

    @Override
    public void pinCohort(String cohort, String modelVersion) {
        requireId(cohort, "cohort");
        requireVersion(modelVersion);
        List<byte[]> keys = List.of(bytes(RedisKeys.versionMeta(modelVersion)), bytes(RedisKeys.cohortPins()));
        List<byte[]> args = List.of(bytes(cohort), bytes(modelVersion));
        Object refusal = guard(() -> PIN_COHORT.run(jedis, keys, args));
        if (refusal != null) {
            throw new IllegalArgumentException("cannot pin cohort " + cohort + ": " + string(refusal));
        }
    }

    @Override
    public void unpinCohort(String cohort) {
        requireId(cohort, "cohort");
        guard(() -> jedis.hdel(RedisKeys.cohortPins(), cohort));
    }

    @Override
    public Map<String, String> cohortPins() {
        return Map.copyOf(guard(() -> jedis.hgetAll(RedisKeys.cohortPins())));
    }

    // --- fresh lists --------------------------------------------------------------------

    @Override
    public void putFreshList(String productId, String modelVersion, List<ScoredItem> items, Instant computedAt) {
        requireId(productId, "productId");
        requireVersion(modelVersion);
        // The list lives FRESH_TTL from when it was computed, not from when it arrived: a
        // replayed day-old result must not come back for another full day.
        long ttlMillis = Math.min(RedisKeys.FRESH_TTL.toMillis(),
                RedisKeys.FRESH_TTL.toMillis() - (clock.millis() - computedAt.toEpochMilli()));
        if (ttlMillis <= 0) {
            return;
        }
        byte[] encoded = ProductListCodec.encode(new StoredList(modelVersion, computedAt, items));
        List<byte[]> keys = List.of(bytes(RedisKeys.freshList(productId)));
        List<byte[]> args = List.of(encoded, bytes(Long.toString(ttlMillis)));
        guard(() -> PUT_FRESH_LIST.run(jedis, keys, args));
    }

    @Override
    public Optional<StoredList> freshList(String productId) {
        byte[] key = bytes(RedisKeys.freshList(requireId(productId, "productId")));
        return decodeList(guard(() -> jedis.get(key)), "fresh list", productId);
    }

    @Override
    public long unreadableValues() {
        return unreadable.count();
    }

    // --- popularity ---------------------------------------------------------------------

    @Override
    public void incrementPopular(String productId, double by) {
        String member = requireId(productId, "productId");
        requireFinite(by, "popular increment of " + member);
        guard(() -> jedis.zincrby(RedisKeys.popular(), by, member));
    }

    @Override
    public void setPopular(String productId, double score) {
        String member = requireId(productId, "productId");
        requireFinite(score, "popular score of " + member);
        guard(() -> jedis.zadd(RedisKeys.popular(), score, member));
    }

    @Override
    public List<ScoredItem> popular(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return guard(() -> jedis.zrevrangeWithScores(RedisKeys.popular(), 0, limit - 1)).stream()
                .filter(t -> unreadable.isFinite(t.getScore(), "popular score of " + t.getElement()))
                .map(t -> new ScoredItem(t.getElement(), t.getScore())).toList();
    }

    @Override
    public void incrementTrending(String category, String productId, double by) {
        String key = RedisKeys.trending(requireId(category, "category"));
        String member = requireId(productId, "productId");
        requireFinite(by, "trending increment of " + member);
        guard(() -> {
            try (AbstractTransaction tx = jedis.multi()) {
                tx.zincrby(key, by, member);
                tx.pexpire(key, RedisKeys.TRENDING_TTL.toMillis());
                tx.exec();
            }
            return null;
        });
    }

    @Override
    public void setTrending(String category, String productId, double score) {
        String key = RedisKeys.trending(requireId(category, "category"));
        String member = requireId(productId, "productId");
        requireFinite(score, "trending score of " + member);
        guard(() -> {
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
        guard(() -> jedis.zrem(key, member));
    }

    @Override
    public List<ScoredItem> trending(String category, int limit) {
        String key = RedisKeys.trending(requireId(category, "category"));
        if (limit <= 0) {
            return List.of();
        }
        return guard(() -> jedis.zrevrangeWithScores(key, 0, limit - 1)).stream()
                .map((Tuple t) -> new ScoredItem(t.getElement(), t.getScore())).toList();
    }

    // --- users --------------------------------------------------------------------------

    @Override
    public void pushRecent(String userId, String productId, Instant occurredAt) {
        Objects.requireNonNull(occurredAt, "occurredAt");
        pushRecent(userId, productId, occurredAt.toEpochMilli(), false);
    }

    @Override
    public void pushRecent(String userId, String productId) {
        pushRecent(userId, productId, clock.millis(), true);
    }

    private void pushRecent(String userId, String productId, long atMillis, boolean inFront) {
        List<byte[]> keys = List.of(bytes(RedisKeys.userRecent(requireId(userId, "userId"))));
        List<byte[]> args = List.of(bytes(requireId(productId, "productId")), bytes(Long.toString(atMillis)),
                bytes(inFront ? "1" : "0"), bytes(Integer.toString(RedisKeys.USER_RECENT_CAP)),
                bytes(Long.toString(RedisKeys.USER_RECENT_TTL.toMillis())));
        guard(() -> PUSH_RECENT.run(jedis, keys, args));
    }

    @Override
    public List<String> recentItems(String userId) {
        String key = RedisKeys.userRecent(requireId(userId, "userId"));
        return guard(() -> "list".equals(jedis.type(key))
                // The layout from before recent items were ordered by event time (see push-recent.lua).
                ? jedis.lrange(key, 0, -1)
                : jedis.zrevrange(key, 0, -1));
    }

    @Override
    public void recordPurchase(String userId, String productId) {
        String key = RedisKeys.userPurchased(requireId(userId, "userId"));
        String item = requireId(productId, "productId");
        guard(() -> {
            try (AbstractTransaction tx = jedis.multi()) {
                tx.sadd(key, item);
                tx.pexpire(key, RedisKeys.USER_RECENT_TTL.toMillis());
                tx.exec();
            }
            return null;
        });
    }

    @Override
    public Set<String> purchased(String userId) {
        String key = RedisKeys.userPurchased(requireId(userId, "userId"));
        return Set.copyOf(guard(() -> jedis.smembers(key)));
    }

    // --- coalescing and switches --------------------------------------------------------

    @Override
    public boolean markPending(String productId) {
        String key = RedisKeys.pending(requireId(productId, "productId"));
        SetParams params = SetParams.setParams().nx().px(RedisKeys.PENDING_TTL.toMillis());
        return "OK".equals(guard(() -> jedis.set(key, "1", params)));
    }

    @Override
    public void setTierDisabled(Tier tier, boolean disabled) {
        Objects.requireNonNull(tier, "tier");
        guard(() -> disabled
                ? jedis.hset(RedisKeys.killSwitches(), tier.wire(), DISABLED)
                : jedis.hdel(RedisKeys.killSwitches(), tier.wire()));
    }

    @Override
    public Set<Tier> disabledTiers() {
        return toTiers(guard(() -> jedis.hgetAll(RedisKeys.killSwitches())));
    }

    // --- serving ------------------------------------------------------------------------

    @Override
    public ServingSnapshot servingRead(String productId, String userId, String cohort, int candidates) {
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
                bytes(Integer.toString(Math.max(0, candidates))));
        List<?> reply = (List<?>) guard(() -> SERVING_READ.run(jedis, keys, args));
        return new ServingSnapshot(
                Optional.ofNullable(string(reply.get(0))),
                Optional.ofNullable(string(reply.get(1))),
                decodeList((byte[]) reply.get(2), "version list", productId),
                decodeList((byte[]) reply.get(3), "fresh list", productId),
                toProduct(productId, pairs((List<?>) reply.get(4))),
                scored((List<?>) reply.get(5)),
                scored((List<?>) reply.get(6)),
                strings((List<?>) reply.get(7)),
                new LinkedHashSet<>(strings((List<?>) reply.get(8))),
                toTiers(pairs((List<?>) reply.get(9))));
    }

    @Override
    public UserSnapshot userRead(String userId, String cohort, int candidates) {
        requireId(userId, "userId");
        List<byte[]> keys = List.of(bytes(RedisKeys.activeVersion()), bytes(RedisKeys.cohortPins()),
                bytes(RedisKeys.popular()), bytes(RedisKeys.killSwitches()),
                bytes(RedisKeys.userRecent(userId)), bytes(RedisKeys.userPurchased(userId)));
        List<byte[]> args = List.of(bytes(cohort == null ? "" : cohort), bytes(KeyTemplates.SLOT),
                bytes(KeyTemplates.userVersionListOf(userId)), bytes(Integer.toString(Math.max(0, candidates))));
        List<?> reply = (List<?>) guard(() -> USER_READ.run(jedis, keys, args));
        return new UserSnapshot(
                Optional.ofNullable(string(reply.get(0))),
                Optional.ofNullable(string(reply.get(1))),
                decodeList((byte[]) reply.get(2), "user list", userId),
                strings((List<?>) reply.get(3)),
                new LinkedHashSet<>(strings((List<?>) reply.get(4))),
                scored((List<?>) reply.get(5)),
                toTiers(pairs((List<?>) reply.get(6))));
    }

    @Override
    public void close() {
        jedis.close();
    }

    // --- failures -----------------------------------------------------------------------

    /** Translates "Redis is away" into the one exception callers fall back on; anything else is a bug and propagates. */
    private <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisConnectionException e) {
            // After a Redis restart every idle pooled connection is dead; drop them all now
            // rather than failing one request per stale connection.
            jedis.getPool().clear();
            throw new FeatureStoreUnavailableException(settings.address(), e);
        } catch (JedisBusyException e) {
            throw new FeatureStoreUnavailableException(settings.address(), e);
        } catch (JedisException e) {
            if (e.getCause() instanceof NoSuchElementException) {
                // The pool had no free connection within the timeout: as unavailable as a dead server.
                throw new FeatureStoreUnavailableException(settings.address(), e);
            }
            throw e;
        }
    }

    // --- decoding -----------------------------------------------------------------------

    private static Optional<StoredList> decodeList(byte[] encoded, String what, String subject) {
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProductListCodec.decode(encoded));
        } catch (IllegalArgumentException e) {
            // A corrupt list must cost one tier for one product or shopper, not the answer.
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable " + what + " of " + subject + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Product> toProduct(String productId, Map<String, String> hash) {
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        String available = hash.get("available");
        return Optional.of(new Product(productId, hash.get("name"), hash.get("category"),
                unreadable.finiteOrNull(hash.get("price"), "price of product " + productId),
                AVAILABLE.equals(available) || "true".equals(available)));
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

    private static Set<Tier> toTiers(Map<String, String> switches) {
        Set<Tier> tiers = EnumSet.noneOf(Tier.class);
        for (Map.Entry<String, String> e : switches.entrySet()) {
            if (!DISABLED.equals(e.getValue())) {
                continue;
            }
            try {
                tiers.add(Tier.fromWire(e.getKey()));
            } catch (IllegalArgumentException unknown) {
                // A tier a newer version added: not ours to honour, not a reason to fail serving.
            }
        }
        return tiers;
    }

    private List<ScoredItem> scored(List<?> flat) {
        var items = new ArrayList<ScoredItem>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            String member = string(flat.get(i));
            Double score = unreadable.finiteOrNull(string(flat.get(i + 1)), "score of " + member);
            if (score != null) {
                items.add(new ScoredItem(member, score));
            }
        }
        return items;
    }

    private static Map<String, String> pairs(List<?> flat) {
        var map = new HashMap<String, String>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(string(flat.get(i)), string(flat.get(i + 1)));
        }
        return map;
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(RedisFeatureStore::string).toList();
    }

    private static String string(Object reply) {
        return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    // --- arguments ----------------------------------------------------------------------

    private static String requireVersion(String modelVersion) {
        if (modelVersion == null || !MODEL_VERSION.matcher(modelVersion).matches()) {
            throw new IllegalArgumentException("model version must match " + MODEL_VERSION.pattern() + ", was '" + modelVersion + "'");
        }
        return modelVersion;
    }

    /** A sorted-set score that is not finite would be read back as "inf" or "nan" by every serving read. */
    private static void requireFinite(double score, String what) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException(what + " must be a finite number, was " + score);
        }
    }

    private static String requireId(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
