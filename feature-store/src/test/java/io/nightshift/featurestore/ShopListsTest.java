package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shop's own lists (popular, a category's trending set, the newest products) and the candidates' categories. */
@RealServers
class ShopListsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

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

    private static List<String> ids(ShopListSnapshot snapshot) {
        return snapshot.items().stream().map(ScoredItem::productId).toList();
    }

    @Test
    void latestIsByFirstAppearanceNewestFirstAndSkipsUnavailableDeletedAndOtherCategories() {
        store.catalog().putProduct(new Product("p-old", "Old", "shoes", 1.0, true), T0);
        store.catalog().putProduct(new Product("p-new", "New", "shoes", 1.0, true), T0.plusSeconds(60));
        store.catalog().putProduct(new Product("p-hat", "Hat", "hats", 1.0, true), T0.plusSeconds(30));
        store.catalog().putProduct(new Product("p-off", "Off", "shoes", 1.0, false), T0.plusSeconds(90));
        store.catalog().putProduct(new Product("p-gone", "Gone", "shoes", 1.0, true), T0.plusSeconds(120));
        store.catalog().deleteProduct("p-gone");
        // An update later (or a replay) does not make a product newer; an earlier time does make it older.
        store.catalog().putProduct(new Product("p-old", "Old, renamed", "shoes", 1.0, true), T0.plusSeconds(600));

        ShopListSnapshot latest = store.serving().latestRead(null, 10);
        assertThat(ids(latest)).containsExactly("p-new", "p-hat", "p-old");
        assertThat(latest.items().getFirst().score()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
        assertThat(ids(store.serving().latestRead("shoes", 10))).containsExactly("p-new", "p-old");
        assertThat(ids(store.serving().latestRead(null, 2))).containsExactly("p-new", "p-hat");

        store.catalog().putProduct(new Product("p-off", "Off", "shoes", 1.0, true), T0.plusSeconds(900));
        assertThat(ids(store.serving().latestRead(null, 1))).as("back in stock, at its first appearance").containsExactly("p-off");
    }

    @Test
    void aCategorysNewestComeFromItsOwnSetAndFollowAProductThatMoves() {
        for (int i = 0; i < 1200; i++) {
            store.catalog().putProduct(new Product("p-shoe-" + i, "Shoe", "shoes", 1.0, true), T0.plusSeconds(100 + i));
        }
        store.catalog().putProduct(new Product("p-hat", "Hat", "hats", 1.0, true), T0);
        assertThat(ids(store.serving().latestRead("hats", 5))).as("behind 1,200 newer shoes").containsExactly("p-hat");

        store.catalog().putProduct(new Product("p-shoe-7", "Shoe hat", "hats", 1.0, true), T0.plusSeconds(5000));
        assertThat(ids(store.serving().latestRead("hats", 5))).as("moved, at its first appearance").containsExactly("p-shoe-7", "p-hat");
        assertThat(ids(store.serving().latestRead("shoes", 1200))).hasSize(1199).doesNotContain("p-shoe-7");

        store.catalog().deleteProduct("p-hat");
        store.catalog().deleteProduct("p-shoe-7");
        assertThat(store.serving().latestRead("hats", 5).items()).isEmpty();
        try (var jedis = redis.raw()) {
            assertThat(jedis.exists(io.nightshift.schemas.redis.RedisKeys.latestInCategory("hats"))).as("an emptied set is gone").isFalse();
        }
    }

    @Test
    void latestLooksPastManyUnavailableProducts() {
        store.catalog().putProduct(new Product("p-first", "First", "shoes", 1.0, true), T0);
        for (int i = 0; i < 250; i++) {
            store.catalog().putProduct(new Product("p-off-" + i, "Off", "shoes", 1.0, false), T0.plusSeconds(1 + i));
        }
        assertThat(ids(store.serving().latestRead(null, 3))).containsExactly("p-first");
    }

    @Test
    void popularOrACategorysTrendingSetWithTheKillSwitches() {
        store.features().setPopular("p-1", 2);
        store.features().setPopular("p-2", 3);
        store.features().setTrending("shoes", "p-3", 1);
        store.controls().setTierDisabled(Tier.TRENDING, true);

        ShopListSnapshot popular = store.serving().popularRead(null, 10);
        assertThat(ids(popular)).containsExactly("p-2", "p-1");
        assertThat(popular.disabledTiers()).containsExactly(Tier.TRENDING);
        assertThat(ids(store.serving().popularRead("shoes", 10))).containsExactly("p-3");
        assertThat(ids(store.serving().popularRead(null, 1))).containsExactly("p-2");
        assertThat(store.serving().popularRead("nothing-here", 10).items()).isEmpty();
    }

    @Test
    void categoriesOfCandidatesInOneCallUnknownOnesAbsent() {
        store.catalog().putProduct(new Product("p-1", "Shoe", "shoes", 1.0, true));
        store.catalog().putProduct(new Product("p-2", "Hat", "hats", 1.0, false));

        assertThat(store.catalog().categories(List.of("p-1", "p-2", "p-unknown", "p-1")))
                .isEqualTo(Map.of("p-1", "shoes", "p-2", "hats"));
        assertThat(store.catalog().categories(List.of())).isEmpty();
    }

    @Test
    void eachListAndABasketOfSnapshotsIsOneRoundTrip() {
        store.catalog().putProduct(new Product("p-1", "Shoe", "shoes", 1.0, true));
        store.catalog().putProduct(new Product("p-2", "Boot", "shoes", 1.0, true));
        store.versions().stageList("v1", "p-1", List.of(new ScoredItem("p-9", 0.5)), T0, 1);
        store.versions().activate("v1", "test");
        var sockets = new RoundTripCountingSockets(redis.host(), redis.port(), (int) TestRedis.TEST_TIMEOUT.toMillis());
        try (FeatureStore counted = new FeatureStore(redis.settings(), sockets, Clock.systemUTC())) {
            // Opens the pooled connection and caches the scripts in Redis.
            counted.serving().servingReads(List.of("p-1"), null, null, 10, null);
            counted.serving().latestRead(null, 10);

            int before = sockets.roundTrips();
            List<ServingSnapshot> basket = counted.serving().servingReads(List.of("p-1", "p-2", "p-3", "p-4", "p-5"), "u-1", "a", 10, "shoes");
            assertThat(sockets.roundTrips() - before).isEqualTo(1);
            assertThat(basket).hasSize(5);
            assertThat(basket.getFirst().batchList()).isPresent();
            assertThat(basket.get(1).product()).map(Product::name).contains("Boot");

            before = sockets.roundTrips();
            counted.serving().latestRead("shoes", 10);
            assertThat(sockets.roundTrips() - before).isEqualTo(1);
            before = sockets.roundTrips();
            counted.serving().popularRead("shoes", 10);
            assertThat(sockets.roundTrips() - before).isEqualTo(1);
            before = sockets.roundTrips();
            assertThat(counted.catalog().categories(List.of("p-1", "p-2", "p-3"))).hasSize(2);
            assertThat(sockets.roundTrips() - before).isEqualTo(1);
        }
    }

    @Test
    void aBasketReadSurvivesAFlushedScriptCache() {
        store.catalog().putProduct(new Product("p-1", "Shoe", "shoes", 1.0, true));
        try (var jedis = redis.raw()) {
            jedis.scriptFlush();
        }
        assertThat(store.serving().servingReads(List.of("p-1", "p-2"), null, null, 10, null))
                .extracting(snapshot -> snapshot.product().isPresent()).containsExactly(true, false);
    }

    @Test
    void aServingReadCanTakeTrendingFromAnotherCategory() {
        store.catalog().putProduct(new Product("p-1", "Shoe", "shoes", 1.0, true));
        store.features().setTrending("shoes", "p-shoe", 1);
        store.features().setTrending("hats", "p-hat", 1);

        assertThat(store.serving().servingRead("p-1", null, null, 10).trending()).extracting(ScoredItem::productId).containsExactly("p-shoe");
        assertThat(store.serving().servingRead("p-1", null, null, 10, "hats").trending()).extracting(ScoredItem::productId).containsExactly("p-hat");
        assertThat(store.serving().userRead("u-1", null, 10, "hats").trending()).extracting(ScoredItem::productId).containsExactly("p-hat");
        assertThat(store.serving().userRead("u-1", null, 10).trending()).isEmpty();
    }
}
