package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis is a cache with finite memory: every key the store writes either expires or has a
 * documented reason not to (the module README's key table). This test writes through every
 * method of the store, then walks the whole keyspace with SCAN.
 */
@RealServers
class KeyTtlAuditTest {

    /**
     * The keys allowed to live without a TTL, each with the README's reason. Built from
     * {@link RedisKeys} with a wildcard, so a layout change cannot slip past the list.
     */
    private static final Map<String, String> NO_TTL = Map.ofEntries(
            Map.entry(RedisKeys.product("*"), "projection of the compacted catalog topic, deleted by its tombstone"),
            Map.entry(RedisKeys.versionList("*", "*"), "lives as long as its version, deleted by retireVersionsExcept"),
            Map.entry(RedisKeys.userVersionList("*", "*"), "lives as long as its version, deleted by retireVersionsExcept"),
            Map.entry(RedisKeys.versionMeta("*"), "deleted with its version"),
            Map.entry(RedisKeys.activeVersion(), "the switch itself"),
            Map.entry(RedisKeys.previousVersion(), "the rollback target"),
            Map.entry(RedisKeys.versionHistory(), "capped at VERSION_HISTORY_CAP instead"),
            Map.entry(RedisKeys.cohortPins(), "owner configuration"),
            Map.entry(RedisKeys.popular(), "rewritten continuously from the event stream"),
            Map.entry(RedisKeys.latest(), "projection of the compacted catalog topic, members removed by their tombstones"),
            Map.entry(RedisKeys.latestInCategory("*"), "projection of the compacted catalog topic, members removed by their tombstones or moves"),
            Map.entry(RedisKeys.killSwitches(), "owner configuration"));

    private static final Instant COMPUTED_AT = Instant.parse("2026-11-24T03:15:00Z");
    private static final List<ScoredItem> ITEMS = List.of(new ScoredItem("p-2", 0.5));
    private static final Lineage LINEAGE = new Lineage("ease", Map.of("lambda", "250"), Map.of("ndcg@10", 0.25), "shop.events.v1:0-10", "dev");

    private TestRedis redis;
    private FeatureStore store;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        redis = TestRedis.of(endpoint).wiped();
        store = redis.store();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyKeyHasATtlOrADocumentedReasonForNone() {
        writeThroughEveryMethod();

        Map<String, Long> ttls = allKeysWithTtl();

        assertThat(ttls).as("keys written").isNotEmpty();
        assertThat(ttls.keySet()).allSatisfy(key -> assertThat(key).startsWith(RedisKeys.PREFIX));
        Map<String, Long> unexplained = new TreeMap<>(ttls);
        // PTTL -2: the key expired between SCAN and PTTL, which is what a TTL is for.
        unexplained.entrySet().removeIf(e -> e.getValue() > 0 || e.getValue() == -2 || onNoTtlList(e.getKey()));
        assertThat(unexplained).as("keys without TTL that are not on the documented no-TTL list").isEmpty();
    }

    @Test
    void theAuditSawEveryKindOfKey() {
        writeThroughEveryMethod();

        Set<String> keys = allKeysWithTtl().keySet();

        // Guards the audit itself: had a write gone elsewhere, the test above would pass vacuously.
        assertThat(keys).contains(
                RedisKeys.product("p-1"), RedisKeys.versionList("v1", "p-1"), RedisKeys.userVersionList("v1", "u-1"),
                RedisKeys.versionMeta("v1"), RedisKeys.versionMeta("v5"),
                RedisKeys.activeVersion(), RedisKeys.previousVersion(), RedisKeys.versionHistory(),
                RedisKeys.cohortPins(), RedisKeys.freshList("p-1"), RedisKeys.popular(), RedisKeys.trending("shoes"),
                RedisKeys.trending("hats"), RedisKeys.userRecent("u-1"), RedisKeys.userRecent("u-2"), RedisKeys.userPurchased("u-1"), RedisKeys.pending("p-1"),
                RedisKeys.killSwitches(), RedisKeys.latest(), RedisKeys.latestInCategory("shoes"));
    }

    /** Every method of {@link FeatureStore}, writers and readers (a reader must not create keys without TTL either). */
    private void writeThroughEveryMethod() {
        store.ping();
        store.catalog().putProduct(new Product("p-1", "Trail shoe", "shoes", 89.5, true));
        store.catalog().putProduct(new Product("p-gone", "Hat", "hats", 5.0, true));
        store.catalog().deleteProduct("p-gone");
        store.catalog().product("p-1");

        for (String version : List.of("v1", "v2", "v3", "v4")) {
            store.versions().stageList(version, "p-1", ITEMS, COMPUTED_AT, 2);
            store.versions().stageUserList(version, "u-1", ITEMS, COMPUTED_AT, 2);
        }
        store.versions().putLineage("v1", LINEAGE);
        // A lineage whose lists have not arrived yet: its meta hash has no count.
        store.versions().putLineage("v5", LINEAGE);
        store.versions().lineage("v1");
        store.versions().versionStatus("v1");
        store.versions().activate("v1", "owner");
        store.versions().activate("v2", "owner");
        store.versions().rollback("owner");
        store.versions().activeVersion();
        store.versions().previousVersion();
        store.versions().activations();
        store.controls().pinCohort("b", "v3");
        store.controls().pinCohort("c", "v3");
        store.controls().unpinCohort("c");
        store.controls().cohortPins();
        store.cohortCounts().served("a", "req-audit-1", Instant.now());
        store.cohortCounts().clicked("req-audit-1");
        store.cohortCounts().counts(List.of("a"), java.time.LocalDate.now(java.time.ZoneOffset.UTC), 7);
        store.versions().retireVersionsExcept(Set.of());

        store.freshLists().putFreshList("p-1", "v1", ITEMS, Instant.now());

        store.features().setPopular("p-1", 1);
        store.features().setPopular("p-2", 2);
        store.features().setTrending("shoes", "p-1", 1);
        store.features().setTrending("hats", "p-2", 1);
        store.features().setTrending("hats", "p-3", 1);
        store.features().removeTrending("hats", "p-3");

        store.features().pushRecent("u-1", "p-1", Instant.now());
        store.features().pushRecent("u-2", "p-1", Instant.parse("2026-11-24T03:00:00Z"));
        store.features().recordPurchase("u-1", "p-1");

        store.freshLists().markPending("p-1");
        store.controls().setTierDisabled(Tier.FRESH, true);
        store.controls().setTierDisabled(Tier.POPULAR, true);
        store.controls().setTierDisabled(Tier.POPULAR, false);
        store.controls().disabledTiers();

        store.serving().servingRead("p-1", "u-1", "b", 10);
        store.serving().userRead("u-1", "b", 10);
        store.serving().servingRead("p-1", "u-1", "b", 10, "hats");
        store.serving().userRead("u-1", "b", 10, "shoes");
        store.serving().popularRead(null, 10);
        store.serving().popularRead("shoes", 10);
        store.serving().latestRead("shoes", 10);
        store.catalog().categories(List.of("p-1", "p-2"));
    }

    private static boolean onNoTtlList(String key) {
        return NO_TTL.keySet().stream().anyMatch(pattern -> glob(pattern).matcher(key).matches());
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.+\\Q"));
    }

    /** Key → PTTL (-1 = no TTL), over the whole keyspace with SCAN. */
    private Map<String, Long> allKeysWithTtl() {
        var keys = new ArrayList<String>();
        try (Jedis jedis = redis.raw()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(100));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            var ttls = new TreeMap<String, Long>();
            for (String key : keys) {
                ttls.put(key, jedis.pttl(key));
            }
            return ttls;
        }
    }
}
