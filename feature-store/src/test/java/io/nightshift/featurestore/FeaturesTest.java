package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

@RealServers
class FeaturesTest {

    /** The store's clock; fresh-list TTLs are counted from computedAt against it. */
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** Slack for "the TTL is about X": the test and Redis run a few milliseconds apart. */
    private static final long SLACK_MILLIS = 60_000;

    private TestRedis redis;
    private FeatureStore store;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        redis = TestRedis.of(endpoint).wiped();
        store = redis.store(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    // --- popularity ---------------------------------------------------------------------

    @Test
    void popularityCanBeSetWholeAndSettingItAgainChangesNothing() {
        store.features().setPopular("p-1", 3.5);
        store.features().setPopular("p-2", 5);
        store.features().setPopular("p-1", 7);
        // A record processed again after a crash writes the same score again.
        store.features().setPopular("p-1", 7);

        assertThat(probe(store).popular(10)).containsExactly(new ScoredItem("p-1", 7), new ScoredItem("p-2", 5));
    }

    @Test
    void trendingCanBeSetWholeRemovedAndSettingItRenewsTheExpiry() {
        String key = RedisKeys.trending("shoes");
        store.features().setTrending("shoes", "p-1", 2);
        store.features().setTrending("shoes", "p-2", 1);
        store.features().setTrending("shoes", "p-1", 4);
        store.features().setTrending("shoes", "p-1", 4);
        assertThat(probe(store).trending("shoes", 10)).containsExactly(new ScoredItem("p-1", 4), new ScoredItem("p-2", 1));

        try (Jedis jedis = redis.raw()) {
            jedis.pexpire(key, 5_000);
        }
        store.features().setTrending("shoes", "p-2", 3);
        assertThat(pttl(key)).isCloseTo(RedisKeys.TRENDING_TTL.toMillis(), within(SLACK_MILLIS));

        store.features().removeTrending("shoes", "p-1");
        store.features().removeTrending("shoes", "p-1");
        store.features().removeTrending("hats", "p-1");
        assertThat(probe(store).trending("shoes", 10)).containsExactly(new ScoredItem("p-2", 3));
    }

    @Test
    void aTrendingCategoryExpiresUnlessWrittenAgain() {
        String key = RedisKeys.trending("shoes");
        store.features().setTrending("shoes", "p-1", 1);
        assertThat(pttl(key)).isCloseTo(RedisKeys.TRENDING_TTL.toMillis(), within(SLACK_MILLIS));

        try (Jedis jedis = redis.raw()) {
            jedis.pexpire(key, 5_000);
        }
        store.features().setTrending("shoes", "p-2", 1);

        assertThat(pttl(key)).isCloseTo(RedisKeys.TRENDING_TTL.toMillis(), within(SLACK_MILLIS));
    }

    // --- users --------------------------------------------------------------------------

    @Test
    void recentItemsAreInEventTimeOrderWhateverTheOrderTheyArrivedIn() {
        // An import sends a shopper's day unsorted: the last item sent is not the last one seen.
        store.features().pushRecent("u-1", "p-noon", NOW.minus(Duration.ofHours(12)));
        store.features().pushRecent("u-1", "p-evening", NOW.minus(Duration.ofHours(6)));
        store.features().pushRecent("u-1", "p-morning", NOW.minus(Duration.ofHours(18)));
        store.features().pushRecent("u-1", "p-night", NOW.minus(Duration.ofHours(1)));
        store.features().pushRecent("u-1", "p-dawn", NOW.minus(Duration.ofHours(20)));

        assertThat(probe(store).recentItems("u-1")).containsExactly("p-night", "p-evening", "p-noon", "p-morning", "p-dawn");
        assertThat(probe(store).recentItems("u-2")).isEmpty();
    }

    @Test
    void aProductKeepsItsLatestTimeAndAppearsOnce() {
        store.features().pushRecent("u-1", "p-1", NOW.minus(Duration.ofHours(3)));
        store.features().pushRecent("u-1", "p-2", NOW.minus(Duration.ofHours(2)));
        // Seen again later: moves ahead of p-2.
        store.features().pushRecent("u-1", "p-1", NOW.minus(Duration.ofHours(1)));
        // An older event of p-2 arriving late changes nothing.
        store.features().pushRecent("u-1", "p-2", NOW.minus(Duration.ofDays(2)));

        assertThat(probe(store).recentItems("u-1")).containsExactly("p-1", "p-2");
    }

    @Test
    void recentItemsKeepOnlyTheLatestSeen() {
        int pushed = RedisKeys.USER_RECENT_CAP + 10;
        // Sent in a shuffled order: the cap keeps the latest by event time, not the last sent.
        List<Integer> order = new java.util.ArrayList<>(IntStream.range(0, pushed).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(3));
        for (int i : order) {
            store.features().pushRecent("u-1", "p-" + i, NOW.minus(Duration.ofMinutes(pushed - i)));
        }
        // An item older than all kept ones does not get in.
        store.features().pushRecent("u-1", "p-ancient", NOW.minus(Duration.ofDays(20)));

        List<String> expected = IntStream.iterate(pushed - 1, i -> i - 1).limit(RedisKeys.USER_RECENT_CAP)
                .mapToObj(i -> "p-" + i).toList();
        assertThat(probe(store).recentItems("u-1")).containsExactlyElementsOf(expected);
        try (Jedis jedis = redis.raw()) {
            assertThat(jedis.zcard(RedisKeys.userRecent("u-1"))).isEqualTo(RedisKeys.USER_RECENT_CAP);
        }
    }

    @Test
    void recentItemsExpireAfterAMonthWithoutActivity() {
        String key = RedisKeys.userRecent("u-1");
        store.features().pushRecent("u-1", "p-1", NOW);
        assertThat(pttl(key)).isCloseTo(RedisKeys.USER_RECENT_TTL.toMillis(), within(SLACK_MILLIS));

        try (Jedis jedis = redis.raw()) {
            jedis.pexpire(key, 5_000);
        }
        // Even an old event renews it: the TTL is about the shopper's absence from the stream.
        store.features().pushRecent("u-1", "p-2", NOW.minus(Duration.ofDays(3)));

        assertThat(pttl(key)).isCloseTo(RedisKeys.USER_RECENT_TTL.toMillis(), within(SLACK_MILLIS));
    }

    @Test
    void aListFromTheOldLayoutIsReadAsItIsAndBecomesTheOldestItemsOnTheNextPush() {
        String key = RedisKeys.userRecent("u-1");
        try (Jedis jedis = redis.raw()) {
            // Newest first, as the list layout kept it.
            jedis.rpush(key, "p-old-newest", "p-old-middle", "p-old-oldest");
        }
        assertThat(probe(store).recentItems("u-1")).containsExactly("p-old-newest", "p-old-middle", "p-old-oldest");
        assertThat(store.serving().userRead("u-1", null, 0).recentItems()).containsExactly("p-old-newest", "p-old-middle", "p-old-oldest");

        store.features().pushRecent("u-1", "p-new", NOW.minus(Duration.ofDays(300)));
        store.features().pushRecent("u-1", "p-old-oldest", NOW);

        assertThat(probe(store).recentItems("u-1")).containsExactly("p-old-oldest", "p-new", "p-old-newest", "p-old-middle");
        assertThat(pttl(key)).isCloseTo(RedisKeys.USER_RECENT_TTL.toMillis(), within(SLACK_MILLIS));
    }

    @Test
    void purchasesAreASetWithTheUsersTtl() {
        String key = RedisKeys.userPurchased("u-1");
        store.features().recordPurchase("u-1", "p-1");
        store.features().recordPurchase("u-1", "p-2");
        store.features().recordPurchase("u-1", "p-1");

        assertThat(probe(store).purchased("u-1")).containsExactlyInAnyOrder("p-1", "p-2");
        assertThat(probe(store).purchased("u-2")).isEmpty();
        assertThat(pttl(key)).isCloseTo(RedisKeys.USER_RECENT_TTL.toMillis(), within(SLACK_MILLIS));

        try (Jedis jedis = redis.raw()) {
            jedis.pexpire(key, 5_000);
        }
        store.features().recordPurchase("u-1", "p-3");
        assertThat(pttl(key)).isCloseTo(RedisKeys.USER_RECENT_TTL.toMillis(), within(SLACK_MILLIS));
    }

    // --- fresh lists --------------------------------------------------------------------

    @Test
    void aFreshListLivesADayFromWhenItWasComputed() {
        Instant computedAt = NOW.minus(Duration.ofHours(1));
        List<ScoredItem> items = List.of(new ScoredItem("p-2", 0.5));

        store.freshLists().putFreshList("p-1", "v1", items, computedAt);

        assertThat(probe(store).freshList("p-1")).contains(new StoredList("v1", computedAt, items));
        assertThat(pttl(RedisKeys.freshList("p-1")))
                .isCloseTo(RedisKeys.FRESH_TTL.minus(Duration.ofHours(1)).toMillis(), within(SLACK_MILLIS));
    }

    @Test
    void aFreshListComputedMoreThanADayAgoIsNotStored() {
        store.freshLists().putFreshList("p-1", "v1", List.of(new ScoredItem("p-2", 0.5)), NOW.minus(Duration.ofHours(25)));

        assertThat(probe(store).freshList("p-1")).isEmpty();
    }

    @Test
    void anOlderFreshListNeverReplacesANewerOne() {
        Instant newer = NOW.minus(Duration.ofMinutes(5));
        List<ScoredItem> newerItems = List.of(new ScoredItem("p-new", 0.5));
        store.freshLists().putFreshList("p-1", "v1", newerItems, newer);

        store.freshLists().putFreshList("p-1", "v1", List.of(new ScoredItem("p-old", 0.5)), newer.minusMillis(1));

        assertThat(probe(store).freshList("p-1")).contains(new StoredList("v1", newer, newerItems));
    }

    @Test
    void aNewerFreshListReplacesAnOlderOne() {
        Instant older = NOW.minus(Duration.ofMinutes(5));
        store.freshLists().putFreshList("p-1", "v1", List.of(new ScoredItem("p-old", 0.5)), older);
        List<ScoredItem> newerItems = List.of(new ScoredItem("p-new", 0.5));

        store.freshLists().putFreshList("p-1", "v2", newerItems, older.plusMillis(1));

        assertThat(probe(store).freshList("p-1")).contains(new StoredList("v2", older.plusMillis(1), newerItems));
    }

    @Test
    void comparesComputedAtAsANumberAcrossByteBoundaries() {
        // 0x...FF then 0x...100: the older stamp has the larger last byte.
        Instant older = Instant.ofEpochMilli((NOW.toEpochMilli() - 3_600_000) | 0xFF);
        Instant newer = older.plusMillis(1);
        List<ScoredItem> newerItems = List.of(new ScoredItem("p-new", 0.5));
        store.freshLists().putFreshList("p-1", "v1", newerItems, newer);

        store.freshLists().putFreshList("p-1", "v1", List.of(new ScoredItem("p-old", 0.5)), older);

        assertThat(probe(store).freshList("p-1")).contains(new StoredList("v1", newer, newerItems));
    }

    // --- coalescing and switches --------------------------------------------------------

    @Test
    void onlyTheFirstPendingMarkWinsUntilItExpires() {
        assertThat(store.freshLists().markPending("p-1")).isTrue();
        assertThat(store.freshLists().markPending("p-1")).isFalse();
        assertThat(store.freshLists().markPending("p-2")).isTrue();

        long ttl = pttl(RedisKeys.pending("p-1"));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(RedisKeys.PENDING_TTL.toMillis());
    }

    @Test
    void aPendingMarkCanBeSetAgainOnceItExpired() {
        store.freshLists().markPending("p-1");
        try (Jedis jedis = redis.raw()) {
            jedis.del(RedisKeys.pending("p-1"));
        }

        assertThat(store.freshLists().markPending("p-1")).isTrue();
    }

    @Test
    void killSwitchesTurnTiersOffAndOnAgain() {
        assertThat(store.controls().disabledTiers()).isEmpty();

        store.controls().setTierDisabled(Tier.BATCH, true);
        store.controls().setTierDisabled(Tier.TRENDING, true);
        assertThat(store.controls().disabledTiers()).containsExactlyInAnyOrder(Tier.BATCH, Tier.TRENDING);

        store.controls().setTierDisabled(Tier.BATCH, false);
        assertThat(store.controls().disabledTiers()).containsExactly(Tier.TRENDING);
    }

    @Test
    void aSwitchForATierThisVersionDoesNotKnowIsIgnored() {
        try (Jedis jedis = redis.raw()) {
            jedis.hset(RedisKeys.killSwitches(), "tier-from-the-future", "disabled");
        }
        store.controls().setTierDisabled(Tier.POPULAR, true);

        assertThat(store.controls().disabledTiers()).containsExactly(Tier.POPULAR);
    }

    private long pttl(String key) {
        try (Jedis jedis = redis.raw()) {
            return jedis.pttl(key);
        }
    }
}
