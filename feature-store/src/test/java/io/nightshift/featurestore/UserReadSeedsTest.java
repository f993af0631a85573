package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeds' lists that {@code user-read.lua} reads with a shopper's snapshot for the "for you" composition. */
@RealServers
class UserReadSeedsTest {

    private static final Instant COMPUTED_AT = Instant.parse("2026-11-24T03:15:00Z");
    private static final List<ScoredItem> USER_ITEMS = List.of(new ScoredItem("p-2", 0.75), new ScoredItem("p-3", 0.5));
    private static final List<ScoredItem> SEED_ITEMS = List.of(new ScoredItem("p-7", 0.5), new ScoredItem("p-8", 0.25));
    private static final List<ScoredItem> FRESH_ITEMS = List.of(new ScoredItem("p-9", 0.5));
    /** Three seeds, read when the user's list holds fewer than two items they have not had. */
    private static final SeedRequest TWO = new SeedRequest(3, 2, 10);

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
    void readsNoSeedsWhenTheUsersListIsLongEnough() {
        givenV1WithListsFor("u-1", "p-1");
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT);

        UserSnapshot snapshot = store.serving().userRead("u-1", null, 10, null, TWO);

        assertThat(snapshot.userList()).map(StoredList::items).contains(USER_ITEMS);
        assertThat(snapshot.seeds()).isEmpty();
    }

    @Test
    void readsNoSeedsUnlessAsked() {
        givenV1WithListsFor(null, "p-1");
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT);

        assertThat(store.serving().userRead("u-1", null, 10).seeds()).isEmpty();
        assertThat(store.serving().userRead("u-1", null, 10, null, SeedRequest.NONE).seeds()).isEmpty();
    }

    @Test
    void readsTheNewestSeedsBatchListsWithoutAUserList() {
        givenV1WithListsFor(null, "p-1", "p-4", "p-5", "p-6");
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT.minusSeconds(3));
        store.features().pushRecent("u-1", "p-4", COMPUTED_AT.minusSeconds(2));
        store.features().pushRecent("u-1", "p-5", COMPUTED_AT.minusSeconds(1));
        store.features().pushRecent("u-1", "p-6", COMPUTED_AT);
        store.freshLists().putFreshList("p-6", "fresh-model", FRESH_ITEMS, Instant.now());

        UserSnapshot snapshot = store.serving().userRead("u-1", null, 10, null, TWO);

        assertThat(snapshot.userList()).isEmpty();
        assertThat(snapshot.seeds()).contains(List.of(seed("p-6"), seed("p-5"), seed("p-4")));
    }

    @Test
    void readsSeedsWhenPurchasesAndRecentItemsLeaveTheUsersListShort() {
        givenV1WithListsFor("u-1", "p-1");
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT.minusSeconds(1));
        store.features().pushRecent("u-1", "p-2", COMPUTED_AT);

        UserSnapshot snapshot = store.serving().userRead("u-1", null, 10, null, TWO);

        assertThat(snapshot.seeds()).contains(List.of(
                new SeedSnapshot("p-2", Optional.empty(), Optional.empty(), List.of()),
                seed("p-1")));
    }

    @Test
    void countsPurchasesAsHad() {
        givenV1WithListsFor("u-1", "p-1");
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT);
        assertThat(store.serving().userRead("u-1", null, 10, null, TWO).seeds()).isEmpty();

        store.features().recordPurchase("u-1", "p-3");

        assertThat(store.serving().userRead("u-1", null, 10, null, TWO).seeds()).contains(List.of(seed("p-1")));
    }

    @Test
    void anIdInsideAnotherIdIsNotOnTheList() {
        store.versions().stageUserList("v1", "u-1", List.of(new ScoredItem("p-22", 1), new ScoredItem("xp-2", 0.5)), COMPUTED_AT, 1);
        store.versions().activate("v1", "scheduler");
        store.features().pushRecent("u-1", "p-2", COMPUTED_AT);

        assertThat(store.serving().userRead("u-1", null, 10, null, TWO).seeds()).isEmpty();
    }

    @Test
    void readsSeedsAlwaysWhenAskedTo() {
        givenV1WithListsFor("u-1", "p-1");
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT);

        assertThat(store.serving().userRead("u-1", null, 10, null, new SeedRequest(3, Integer.MAX_VALUE, 10)).seeds())
                .contains(List.of(seed("p-1")));
    }

    @Test
    void readsAnEmptyListOfSeedsForAUserWithoutHistory() {
        assertThat(store.serving().userRead("u-new", null, 10, null, TWO).seeds()).contains(List.of());
    }

    @Test
    void withTheBatchTierOffReadsSeedsAndTheirFreshLists() {
        givenV1WithListsFor("u-1", "p-1");
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT);
        store.freshLists().putFreshList("p-1", "fresh-model", FRESH_ITEMS, Instant.now());
        store.controls().setTierDisabled(Tier.BATCH, true);

        UserSnapshot snapshot = store.serving().userRead("u-1", null, 10, null, TWO);

        assertThat(snapshot.seeds()).get().satisfies(seeds -> {
            assertThat(seeds).hasSize(1);
            assertThat(seeds.getFirst().batchList()).map(StoredList::items).contains(SEED_ITEMS);
            assertThat(seeds.getFirst().freshList()).map(StoredList::items).contains(FRESH_ITEMS);
            assertThat(seeds.getFirst().trending()).isEmpty();
        });
    }

    @Test
    void aSeedWithoutUsableListsComesWithItsCategorysTrendingSet() {
        store.catalog().putProduct(new Product("p-1", "Shoe", "shoes", 1.0, true));
        store.features().setTrending("shoes", "p-shoe", 2);
        store.features().setTrending("shoes", "p-other", 1);
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT);
        // A batch list whose header the script cannot read is as good as none.
        givenV1WithListsFor(null);
        try (var jedis = redis.raw()) {
            jedis.set(RedisKeys.versionList("v1", "p-1"), "\u0001garbage");
        }

        SeedSnapshot seed = store.serving().userRead("u-1", null, 10, null, new SeedRequest(3, 2, 1)).seeds().orElseThrow().getFirst();

        assertThat(seed.batchList()).isEmpty();
        assertThat(seed.freshList()).isEmpty();
        assertThat(seed.trending()).containsExactly(new ScoredItem("p-shoe", 2));
    }

    @Test
    void aSeedListThatOnlyLooksUsableIsReadAgainInFull() {
        store.catalog().putProduct(new Product("p-1", "Shoe", "shoes", 1.0, true));
        store.features().setTrending("shoes", "p-shoe", 2);
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT);
        givenV1WithListsFor(null, "p-1");
        // The script reads only the header (2 items), which is fine; the items are cut off.
        byte[] whole = ProductListCodec.encode(new StoredList("v1", COMPUTED_AT, SEED_ITEMS));
        try (var jedis = redis.raw()) {
            jedis.set(RedisKeys.versionList("v1", "p-1").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.util.Arrays.copyOf(whole, whole.length - 3));
        }

        SeedSnapshot seed = store.serving().userRead("u-1", null, 10, null, TWO).seeds().orElseThrow().getFirst();

        assertThat(seed.batchList()).isEmpty();
        assertThat(seed.trending()).containsExactly(new ScoredItem("p-shoe", 2));
    }

    @Test
    void isOneRoundTripWithTheSeeds() {
        givenV1WithListsFor(null, "p-1", "p-4");
        store.features().pushRecent("u-1", "p-1", COMPUTED_AT.minusSeconds(1));
        store.features().pushRecent("u-1", "p-4", COMPUTED_AT);
        var sockets = new RoundTripCountingSockets(redis.host(), redis.port(), (int) TestRedis.TEST_TIMEOUT.toMillis());
        try (FeatureStore counted = new FeatureStore(redis.settings(), sockets, Clock.systemUTC())) {
            // Opens the pooled connection and caches the script in Redis.
            counted.serving().userRead("u-1", null, 10, null, TWO);
            int before = sockets.roundTrips();

            UserSnapshot snapshot = counted.serving().userRead("u-1", null, 10, null, TWO);

            assertThat(sockets.roundTrips() - before).isEqualTo(1);
            assertThat(snapshot.seeds()).contains(List.of(seed("p-4"), seed("p-1")));
        }
    }

    /** A seed as read when its batch list (SEED_ITEMS in v1) serves: nothing else read. */
    private static SeedSnapshot seed(String productId) {
        return new SeedSnapshot(productId, Optional.of(new StoredList("v1", COMPUTED_AT, SEED_ITEMS)), Optional.empty(), List.of());
    }

    /** Version v1, active, with USER_ITEMS for the user (when not null) and SEED_ITEMS for each product. */
    private void givenV1WithListsFor(String userId, String... productIds) {
        long total = productIds.length + (userId == null ? 0 : 1) + 1;
        if (userId != null) {
            store.versions().stageUserList("v1", userId, USER_ITEMS, COMPUTED_AT, total);
        }
        for (String productId : productIds) {
            store.versions().stageList("v1", productId, SEED_ITEMS, COMPUTED_AT, total);
        }
        // One list nobody reads, so a version without any of the above is still complete.
        store.versions().stageList("v1", "p-unrelated", SEED_ITEMS, COMPUTED_AT, total);
        store.versions().activate("v1", "scheduler");
    }
}
