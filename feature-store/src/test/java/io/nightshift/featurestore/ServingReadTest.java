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
import redis.clients.jedis.Jedis;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class ServingReadTest {

    private static final Instant COMPUTED_AT = Instant.parse("2026-11-24T03:15:00Z");
    private static final List<ScoredItem> V1_ITEMS = List.of(new ScoredItem("p-2", 0.75), new ScoredItem("p-3", 0.5));
    private static final List<ScoredItem> V2_ITEMS = List.of(new ScoredItem("p-4", 0.25));
    private static final List<ScoredItem> FRESH_ITEMS = List.of(new ScoredItem("p-8", 0.875));
    private static final Product PRODUCT = new Product("p-1", "Trail shoe", "shoes", 89.5, true);

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
    void readsEverythingOneAnswerNeeds() {
        Instant freshAt = Instant.now();
        givenTwoVersionsWithV1Active();
        store.catalog().putProduct(PRODUCT);
        store.freshLists().putFreshList("p-1", "v1", FRESH_ITEMS, freshAt);
        store.features().setTrending("shoes", "p-5", 3);
        store.features().setTrending("shoes", "p-6", 7);
        store.features().setTrending("hats", "p-7", 100);
        store.features().setPopular("p-9", 2);
        store.features().setPopular("p-10", 5);
        // Sent out of order: read by when they were seen.
        store.features().pushRecent("u-1", "p-12", COMPUTED_AT.plusSeconds(60));
        store.features().pushRecent("u-1", "p-15", COMPUTED_AT.minusSeconds(60));
        store.features().pushRecent("u-1", "p-11", COMPUTED_AT);
        store.features().recordPurchase("u-1", "p-13");
        store.controls().setTierDisabled(Tier.FRESH, true);

        ServingSnapshot snapshot = store.serving().servingRead("p-1", "u-1", null, 10);

        assertThat(snapshot.activeVersion()).contains("v1");
        assertThat(snapshot.servedVersion()).contains("v1");
        assertThat(snapshot.batchList()).contains(new StoredList("v1", COMPUTED_AT, V1_ITEMS));
        assertThat(snapshot.freshList()).contains(new StoredList("v1", Instant.ofEpochMilli(freshAt.toEpochMilli()), FRESH_ITEMS));
        assertThat(snapshot.product()).contains(PRODUCT);
        assertThat(snapshot.trending()).containsExactly(new ScoredItem("p-6", 7), new ScoredItem("p-5", 3));
        assertThat(snapshot.popular()).containsExactly(new ScoredItem("p-10", 5), new ScoredItem("p-9", 2));
        assertThat(snapshot.recentItems()).containsExactly("p-12", "p-11", "p-15");
        assertThat(snapshot.purchased()).containsExactly("p-13");
        assertThat(snapshot.disabledTiers()).containsExactly(Tier.FRESH);
    }

    @Test
    void servesAPinnedCohortItsVersionAndEveryoneElseTheActiveOne() {
        givenTwoVersionsWithV1Active();
        store.controls().pinCohort("b", "v2");

        ServingSnapshot pinned = store.serving().servingRead("p-1", null, "b", 10);
        ServingSnapshot unpinned = store.serving().servingRead("p-1", null, "a", 10);

        assertThat(pinned.activeVersion()).contains("v1");
        assertThat(pinned.servedVersion()).contains("v2");
        assertThat(pinned.batchList()).map(StoredList::items).contains(V2_ITEMS);
        assertThat(unpinned.servedVersion()).contains("v1");
        assertThat(unpinned.batchList()).map(StoredList::items).contains(V1_ITEMS);
    }

    @Test
    void followsAnActivationOnTheNextRead() {
        givenTwoVersionsWithV1Active();

        store.versions().activate("v2", "owner");

        ServingSnapshot snapshot = store.serving().servingRead("p-1", null, null, 10);
        assertThat(snapshot.servedVersion()).contains("v2");
        assertThat(snapshot.batchList()).map(StoredList::items).contains(V2_ITEMS);
    }

    @Test
    void withoutAnActiveVersionThereIsNoBatchListButTheOtherTiersStillAnswer() {
        store.versions().stageList("v1", "p-1", V1_ITEMS, COMPUTED_AT, 1);
        store.catalog().putProduct(PRODUCT);
        store.features().setTrending("shoes", "p-5", 1);
        store.features().setPopular("p-9", 1);

        ServingSnapshot snapshot = store.serving().servingRead("p-1", null, null, 10);

        assertThat(snapshot.activeVersion()).isEmpty();
        assertThat(snapshot.servedVersion()).isEmpty();
        assertThat(snapshot.batchList()).isEmpty();
        assertThat(snapshot.trending()).containsExactly(new ScoredItem("p-5", 1));
        assertThat(snapshot.popular()).containsExactly(new ScoredItem("p-9", 1));
    }

    @Test
    void anUnknownProductHasNoMetadataAndSoNoTrending() {
        givenTwoVersionsWithV1Active();
        store.features().setTrending("shoes", "p-5", 1);
        store.features().setPopular("p-9", 1);

        ServingSnapshot snapshot = store.serving().servingRead("p-404", null, null, 10);

        assertThat(snapshot.product()).isEmpty();
        assertThat(snapshot.batchList()).isEmpty();
        assertThat(snapshot.freshList()).isEmpty();
        assertThat(snapshot.trending()).isEmpty();
        assertThat(snapshot.popular()).containsExactly(new ScoredItem("p-9", 1));
    }

    @Test
    void anAnonymousShopperHasNoRecentItemsOrPurchases() {
        store.features().pushRecent("u-1", "p-11", Instant.now());
        store.features().recordPurchase("u-1", "p-13");

        ServingSnapshot anonymous = store.serving().servingRead("p-1", null, null, 10);
        ServingSnapshot blank = store.serving().servingRead("p-1", " ", null, 10);

        assertThat(anonymous.recentItems()).isEmpty();
        assertThat(anonymous.purchased()).isEmpty();
        assertThat(blank.recentItems()).isEmpty();
    }

    @Test
    void readsAtMostTheRequestedNumberOfTrendingAndPopularCandidates() {
        store.catalog().putProduct(PRODUCT);
        for (int i = 1; i <= 5; i++) {
            store.features().setTrending("shoes", "t-" + i, i);
            store.features().setPopular("q-" + i, i);
        }

        ServingSnapshot two = store.serving().servingRead("p-1", null, null, 2);
        ServingSnapshot none = store.serving().servingRead("p-1", null, null, 0);

        assertThat(two.trending()).extracting(ScoredItem::productId).containsExactly("t-5", "t-4");
        assertThat(two.popular()).extracting(ScoredItem::productId).containsExactly("q-5", "q-4");
        assertThat(none.trending()).isEmpty();
        assertThat(none.popular()).isEmpty();
    }

    @Test
    void anUnreadableListCostsOneTierNotTheAnswer() {
        store.catalog().putProduct(PRODUCT);
        try (Jedis jedis = redis.raw()) {
            jedis.set(RedisKeys.freshList("p-1"), "not a list");
        }

        ServingSnapshot snapshot = store.serving().servingRead("p-1", null, null, 10);

        assertThat(snapshot.freshList()).isEmpty();
        assertThat(snapshot.product()).contains(PRODUCT);
    }

    @Test
    void isExactlyOneRoundTrip() {
        givenTwoVersionsWithV1Active();
        store.catalog().putProduct(PRODUCT);
        store.features().pushRecent("u-1", "p-11", Instant.now());
        var sockets = new RoundTripCountingSockets(redis.host(), redis.port(), (int) TestRedis.TEST_TIMEOUT.toMillis());
        try (FeatureStore counted = new FeatureStore(redis.settings(), sockets, Clock.systemUTC())) {
            // Opens the pooled connection (CLIENT SETNAME) and caches the script in Redis.
            counted.serving().servingRead("p-1", "u-1", "b", 10);
            int before = sockets.roundTrips();

            ServingSnapshot snapshot = counted.serving().servingRead("p-1", "u-1", "b", 10);

            assertThat(sockets.roundTrips() - before).isEqualTo(1);
            assertThat(snapshot.batchList()).isPresent();
            assertThat(snapshot.recentItems()).containsExactly("p-11");

            // The counter itself: two sequential commands are two round trips.
            int beforePings = sockets.roundTrips();
            counted.ping();
            counted.ping();
            assertThat(sockets.roundTrips() - beforePings).isEqualTo(2);
        }
    }

    @Test
    void recoversFromAFlushedScriptCacheOnTheFirstCall() {
        givenTwoVersionsWithV1Active();
        store.serving().servingRead("p-1", null, null, 10);
        try (Jedis jedis = redis.raw()) {
            jedis.scriptFlush();
        }

        ServingSnapshot snapshot = store.serving().servingRead("p-1", null, null, 10);

        assertThat(snapshot.batchList()).map(StoredList::items).contains(V1_ITEMS);
    }

    @Test
    void aPinToAVersionWithoutAListForTheProductServesNoBatchList() {
        givenTwoVersionsWithV1Active();
        store.versions().stageList("v3", "p-other", V2_ITEMS, COMPUTED_AT, 1);
        store.controls().pinCohort("c", "v3");

        ServingSnapshot snapshot = store.serving().servingRead("p-1", null, "c", 10);

        assertThat(snapshot.servedVersion()).contains("v3");
        assertThat(snapshot.batchList()).isEqualTo(Optional.empty());
        assertThat(snapshot.disabledTiers()).isEqualTo(Set.of());
    }

    private void givenTwoVersionsWithV1Active() {
        store.versions().stageList("v1", "p-1", V1_ITEMS, COMPUTED_AT, 1);
        store.versions().stageList("v2", "p-1", V2_ITEMS, COMPUTED_AT, 1);
        store.versions().activate("v1", "scheduler");
    }
}
