package io.nightshift.streams.features;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.RestoreParams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

@RealServers
class EventFeaturesTest {

    private static final Duration DEDUP_WINDOW = Duration.ofDays(7);
    /** Scores against the events' own time, so an event at START adds exactly its weight to popular. */
    private static final DecaySettings DECAY = DecaySettings.defaults().withEpoch(Drivers.START);
    private static final double TOLERANCE = 1e-9;

    private FeatureStore store;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> deadLetters;

    private RedisEndpoint redis;

    @BeforeEach
    void start(RedisEndpoint redis) {
        this.redis = redis;
        store = Drivers.emptyStore(redis);
        store.catalog().putProduct(new Product("p-1", "Skillet", "kitchen", 34.9, true));
        store.catalog().putProduct(new Product("p-2", "Tent", "outdoor", 120.0, true));
        driver = newDriver();
    }

    private TopologyTestDriver newDriver() {
        TopologyTestDriver created = Drivers.driver(EventFeatures.addTo(new Topology(), store.features(), store.cohortCounts(), store.catalog(), DEDUP_WINDOW, DECAY,
                EventFeatures.byProductTopic("topology-test")));
        events = Drivers.input(created, Topics.SHOP_EVENTS.name());
        deadLetters = Drivers.output(created, Topics.SHOP_EVENTS.deadLetters().name());
        return created;
    }

    @AfterEach
    void stop() {
        driver.close();
        store.close();
    }

    @Test
    @DisplayName("views count 1, carts 3, purchases 5 and ratings their value, shop-wide (as ln of the sum) and in the product's category")
    void interactionsAreWeighted() {
        send(interaction(EventType.VIEW, "u-1", "p-1", null));
        send(interaction(EventType.ADD_TO_CART, "u-1", "p-1", null));
        send(interaction(EventType.PURCHASE, "u-1", "p-1", 1.0));
        send(interaction(EventType.RATING, "u-2", "p-2", 4.0));

        assertPopular("p-1", Math.log(9), "p-2", Math.log(4));
        // At the epoch both sums equal the weights, so the trending score is ln(sum) (see TrendScore).
        assertTrending("kitchen", "p-1", Math.log(9));
        assertTrending("outdoor", "p-2", Math.log(4));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a shopper's interactions become recent items, and purchases are remembered")
    void recentItemsAndPurchases() {
        send(at(EventType.VIEW, "u-1", "p-1", Drivers.START));
        send(at(EventType.VIEW, "u-1", "p-2", Drivers.START.plusSeconds(1)));
        send(at(EventType.PURCHASE, "u-1", "p-1", Drivers.START.plusSeconds(2)));

        assertThat(probe(store).recentItems("u-1")).containsExactly("p-1", "p-2");
        assertThat(probe(store).purchased("u-1")).containsExactly("p-1");
    }

    @Test
    @DisplayName("a duplicated event id is counted once")
    void duplicatesChangeNothing() {
        ShopEvent purchase = interaction(EventType.PURCHASE, "u-1", "p-1", 1.0);
        send(purchase);
        send(purchase);
        driver.advanceWallClockTime(Duration.ofDays(1));
        send(purchase);

        assertPopular("p-1", Math.log(5));
        assertTrending("kitchen", "p-1", Math.log(5));
    }

    @Test
    @DisplayName("served and clicked recommendations do not feed the features")
    void recommendationEventsAreNotInteractions() {
        var reco = new RecoContext("r-1", Tier.BATCH, "v1", "control");
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, "u-1", null, "p-1", null, Drivers.START, reco));
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_CLICKED, "u-1", null, "p-1", null, Drivers.START, reco));

        assertThat(probe(store).popular(10)).isEmpty();
        assertThat(probe(store).recentItems("u-1")).isEmpty();
    }

    @Test
    @DisplayName("served answers count per cohort once by request id, and a click counts in its answer's cohort, whatever the click says")
    void cohortsCountAnswersAndClicks() {
        Instant now = Instant.now();
        var served = new RecoContext("r-ab-1", Tier.BATCH, "v1", "a");
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, "u-1", null, "p-1", null, now, served));
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, "u-1", null, "p-1", null, now, served));
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, "u-2", null, "p-1", null, now,
                new RecoContext("r-ab-2", Tier.POPULAR, null, "a")));
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, "u-3", null, "p-1", null, now,
                new RecoContext("r-ab-3", Tier.POPULAR, null, "made up: not a cohort")));
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_CLICKED, "u-1", null, "p-2", null, now,
                new RecoContext("r-ab-1", Tier.BATCH, "v1", "b")));

        var today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        var counts = store.cohortCounts().counts(List.of("a", "b"), today, 1);
        assertThat(counts.get("a")).containsExactly(new io.nightshift.featurestore.CohortCounts.DayCount(today, 2, 1));
        assertThat(counts.get("b")).containsExactly(new io.nightshift.featurestore.CohortCounts.DayCount(today, 0, 0));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("an anonymous session counts for popularity, and a product the catalog does not know is not trending anywhere")
    void anonymousAndUnknownProducts() {
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.VIEW, null, "s-1", "p-unknown", null, Drivers.START, null));

        assertPopular("p-unknown", Math.log(1));
        assertThat(probe(store).trending("kitchen", 10)).isEmpty();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("an old-version (v1) event is upcast and counted like a current one")
    void oldVersionEventsAreRead() {
        String v1 = """
                {"eventId":"%s","schemaVersion":1,"type":"view","userId":"u-9","productId":"p-2","timestamp":1763980530000}"""
                .formatted(UUID.randomUUID());
        events.pipeInput("u-9", v1.getBytes());

        // A year before the test's epoch: counted, and decayed by its own time.
        assertThat(probe(store).popular(10)).extracting(ScoredItem::productId).containsExactly("p-2");
        assertThat(probe(store).popular(10).getFirst().score())
                .isCloseTo(DECAY.logPopular(1, Instant.ofEpochMilli(1763980530000L)), within(TOLERANCE));
        assertThat(probe(store).recentItems("u-9")).containsExactly("p-2");
    }

    @Test
    @DisplayName("an interaction one popular half-life old adds half its weight, one a half-life newer twice (popular holds ln of the sum)")
    void popularDecaysWithTheEventsOwnTime() {
        send(at(EventType.PURCHASE, "u-1", "p-1", Drivers.START.minus(DECAY.popularHalfLife())));
        send(at(EventType.PURCHASE, "u-2", "p-2", Drivers.START.plus(DECAY.popularHalfLife())));

        assertThat(probe(store).popular(10)).extracting(ScoredItem::productId).containsExactly("p-2", "p-1");
        assertThat(probe(store).popular(10).get(0).score()).isCloseTo(Math.log(10), within(TOLERANCE));
        assertThat(probe(store).popular(10).get(1).score()).isCloseTo(Math.log(2.5), within(TOLERANCE));
    }

    @Test
    @DisplayName("trending puts a product whose recent interest is above its own baseline ahead of a steady one with more recent views")
    void trendingComparesRecentWithBaseline() {
        store.catalog().putProduct(new Product("p-3", "Kettle", "kitchen", 25.0, true));
        Instant now = Drivers.START;
        // p-1 is a steady seller: a purchase a day for two weeks, and four views today.
        for (int day = 13; day >= 1; day--) {
            send(at(EventType.PURCHASE, "u-" + day, "p-1", now.minus(Duration.ofDays(day))));
        }
        for (int i = 0; i < 4; i++) {
            send(at(EventType.VIEW, "u-today-" + i, "p-1", now.minusSeconds(60L * (i + 1))));
        }
        // p-3 is new: three views today, nothing before. Less recent volume than p-1 (3 against
        // about 9), but all of it above its baseline, where p-1's is far below its own.
        for (int i = 0; i < 3; i++) {
            send(at(EventType.VIEW, "u-new-" + i, "p-3", now.minusSeconds(10L * (i + 1))));
        }

        assertThat(probe(store).popular(10)).extracting(ScoredItem::productId).containsExactly("p-1", "p-3");
        assertThat(probe(store).trending("kitchen", 10)).extracting(ScoredItem::productId).containsExactly("p-3", "p-1");
    }

    @Test
    @DisplayName("the same events in any order (any partition interleaving) give the same popular and trending scores")
    void replayOrderDoesNotMatter() {
        Random random = new Random(7);
        List<ShopEvent> log = new ArrayList<>();
        String[] products = {"p-1", "p-2"};
        EventType[] types = {EventType.VIEW, EventType.VIEW, EventType.VIEW, EventType.ADD_TO_CART, EventType.PURCHASE};
        // Few events: the test driver commits (and flushes RocksDB) after every record.
        for (int i = 0; i < 60; i++) {
            Instant when = Drivers.START.minus(Duration.ofMinutes(random.nextInt(20 * 24 * 60)));
            log.add(at(types[random.nextInt(types.length)], "u-" + random.nextInt(12), products[random.nextInt(2)] , when));
        }
        log.forEach(this::send);
        Map<String, Double> inOrder = scores();

        List<ShopEvent> shuffled = new ArrayList<>(log);
        Collections.shuffle(shuffled, random);
        restartOnEmptyRedis();
        shuffled.forEach(this::send);
        Map<String, Double> reordered = scores();

        assertThat(reordered).hasSameSizeAs(inOrder).hasSize(4);
        inOrder.forEach((key, score) -> assertThat(reordered.get(key)).as(key).isCloseTo(score, within(Math.abs(score) * 1e-12 + 1e-9)));
    }

    @Test
    @DisplayName("a product whose catalog record comes after its interactions enters trending once the catalog knows it")
    void lateCatalogRecordsStillTrend() {
        send(at(EventType.VIEW, "u-1", "p-late", Drivers.START));
        send(at(EventType.PURCHASE, "u-2", "p-late", Drivers.START));
        assertThat(probe(store).trending("kitchen", 10)).isEmpty();

        store.catalog().putProduct(new Product("p-late", "Whisk", "kitchen", 9.0, true));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertTrending("kitchen", "p-late", Math.log(6));
    }

    @Test
    @DisplayName("after a category's trending set expired, a product's next interaction writes its whole score again")
    void trendingSurvivesAnExpiredSet() {
        send(at(EventType.PURCHASE, "u-1", "p-1", Drivers.START));
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            // What TRENDING_TTL does after two quiet days.
            jedis.del(RedisKeys.trending("kitchen"));
        }
        driver.advanceWallClockTime(RedisKeys.TRENDING_TTL);

        send(at(EventType.VIEW, "u-2", "p-1", Drivers.START));

        assertTrending("kitchen", "p-1", Math.log(6));
    }

    @Test
    @DisplayName("a product that moved to another category trends there with its whole score, and no longer in the old one")
    void trendingFollowsTheCatalog() {
        send(at(EventType.PURCHASE, "u-1", "p-1", Drivers.START));
        store.catalog().putProduct(new Product("p-1", "Skillet", "outdoor", 34.9, true));

        send(at(EventType.VIEW, "u-2", "p-1", Drivers.START));

        assertThat(probe(store).trending("outdoor", 10)).extracting(ScoredItem::productId).containsExactly("p-1");
        assertThat(probe(store).trending("outdoor", 10).getFirst().score()).isCloseTo(Math.log(6), within(TOLERANCE));
        assertThat(probe(store).trending("kitchen", 10)).isEmpty();
    }

    @Test
    @DisplayName("a shopper's events arriving out of order give the recent items in the order they were seen")
    void recentItemsFollowEventTime() {
        // An import of unsorted files: the last event sent is not the last item seen.
        send(at(EventType.VIEW, "u-1", "p-1", Drivers.START.minus(Duration.ofHours(1))));
        send(at(EventType.VIEW, "u-1", "p-3", Drivers.START));
        send(at(EventType.VIEW, "u-1", "p-2", Drivers.START.minus(Duration.ofHours(2))));
        // p-1 again, but earlier than its first view: it keeps its latest time.
        send(at(EventType.ADD_TO_CART, "u-1", "p-1", Drivers.START.minus(Duration.ofHours(3))));

        assertThat(probe(store).recentItems("u-1")).containsExactly("p-3", "p-1", "p-2");
    }

    @Test
    @DisplayName("records processed again after a crash (Redis written, Kafka commit lost) leave popular, trending and recent items unchanged")
    void reprocessingAfterACrashCountsOnce() {
        List<ShopEvent> committed = List.of(
                at(EventType.PURCHASE, "u-1", "p-1", Drivers.START),
                at(EventType.ADD_TO_CART, "u-3", "p-2", Drivers.START));
        List<ShopEvent> uncommitted = List.of(
                at(EventType.VIEW, "u-2", "p-1", Drivers.START.minus(Duration.ofHours(5))),
                at(EventType.VIEW, "u-1", "p-2", Drivers.START.minus(Duration.ofHours(1))));
        committed.forEach(this::send);
        uncommitted.forEach(this::send);
        Map<String, Double> once = scores();
        Map<String, byte[]> redisOnce = dumpFeatureKeys();
        assertThat(once.get("popular/p-1")).isCloseTo(Math.log(5 + Math.exp(DECAY.logPopular(1, Drivers.START.minus(Duration.ofHours(5))))), within(TOLERANCE));
        assertThat(probe(store).recentItems("u-1")).containsExactly("p-1", "p-2");

        // The crash: the last transaction had written its records' features to Redis, but its
        // commit was lost. On restart the state (event ids, sums) is the committed one, Redis
        // still holds everything, and the uncommitted records are processed again.
        restartOnEmptyRedis();
        committed.forEach(this::send);
        restore(redisOnce);
        uncommitted.forEach(this::send);

        Map<String, Double> again = scores();
        assertThat(again).hasSameSizeAs(once);
        once.forEach((key, score) -> assertThat(again.get(key)).as(key).isCloseTo(score, within(TOLERANCE)));
        assertThat(probe(store).recentItems("u-1")).containsExactly("p-1", "p-2");
        assertThat(probe(store).recentItems("u-2")).containsExactly("p-1");
    }

    @Test
    @DisplayName("a popular write Redis refuses is skipped, and the product's next interaction writes its whole score")
    void aRefusedPopularWriteIsRepairedByTheNextOne() {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            // A key of the wrong type, left there by hand.
            jedis.set(RedisKeys.popular(), "not a sorted set");
            send(at(EventType.PURCHASE, "u-1", "p-1", Drivers.START));
            assertThat(jedis.get(RedisKeys.popular())).isEqualTo("not a sorted set");
            jedis.del(RedisKeys.popular());
        }

        send(at(EventType.VIEW, "u-2", "p-1", Drivers.START));

        assertPopular("p-1", Math.log(6));
        assertTrending("kitchen", "p-1", Math.log(6));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    /** A new driver (empty state) on an empty Redis that knows the catalog again. */
    private void restartOnEmptyRedis() {
        driver.close();
        store.close();
        store = Drivers.emptyStore(redis);
        store.catalog().putProduct(new Product("p-1", "Skillet", "kitchen", 34.9, true));
        store.catalog().putProduct(new Product("p-2", "Tent", "outdoor", 120.0, true));
        driver = newDriver();
    }

    /** Every feature key (not the catalog's), serialized by Redis itself. */
    private Map<String, byte[]> dumpFeatureKeys() {
        Map<String, byte[]> dump = new TreeMap<>();
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            for (String key : jedis.keys(RedisKeys.PREFIX + "*")) {
                if (!key.startsWith(RedisKeys.product(""))) {
                    dump.put(key, jedis.dump(key));
                }
            }
        }
        return dump;
    }

    private void restore(Map<String, byte[]> dump) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            dump.forEach((key, value) -> jedis.restore(key, 0, value, RestoreParams.restoreParams().replace()));
        }
    }

    private Map<String, Double> scores() {
        Map<String, Double> scores = new TreeMap<>();
        probe(store).popular(100).forEach(item -> scores.put("popular/" + item.productId(), item.score()));
        for (String category : List.of("kitchen", "outdoor")) {
            probe(store).trending(category, 100).forEach(item -> scores.put("trending/" + category + "/" + item.productId(), item.score()));
        }
        return scores;
    }

    /** Popular in order, as pairs of product id and log-score. */
    private void assertPopular(Object... idsAndScores) {
        List<ScoredItem> popular = probe(store).popular(10);
        assertThat(popular).hasSize(idsAndScores.length / 2);
        for (int i = 0; i < popular.size(); i++) {
            assertThat(popular.get(i).productId()).isEqualTo(idsAndScores[2 * i]);
            assertThat(popular.get(i).score()).isCloseTo((Double) idsAndScores[2 * i + 1], within(TOLERANCE));
        }
    }

    private void assertTrending(String category, String productId, double score) {
        List<ScoredItem> trending = probe(store).trending(category, 10);
        assertThat(trending).extracting(ScoredItem::productId).containsExactly(productId);
        assertThat(trending.getFirst().score()).isCloseTo(score, within(TOLERANCE));
    }

    private static ShopEvent at(EventType type, String userId, String productId, Instant when) {
        return ShopEvent.interaction(UUID.randomUUID(), type, userId, productId, type == EventType.PURCHASE ? 1.0 : null, when);
    }

    private void send(ShopEvent event) {
        events.pipeInput(event.partitionKey(), Drivers.encode(Contract.SHOP_EVENT, event));
    }

    private static ShopEvent interaction(EventType type, String userId, String productId, Double value) {
        return ShopEvent.interaction(UUID.randomUUID(), type, userId, productId, value, Drivers.START);
    }
}
