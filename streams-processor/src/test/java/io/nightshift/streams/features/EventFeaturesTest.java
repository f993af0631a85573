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

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class EventFeaturesTest {

    private static final Duration DEDUP_WINDOW = Duration.ofDays(7);

    private FeatureStore store;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start(RedisEndpoint redis) {
        store = Drivers.emptyStore(redis);
        store.putProduct(new Product("p-1", "Skillet", "kitchen", 34.9, true));
        store.putProduct(new Product("p-2", "Tent", "outdoor", 120.0, true));
        driver = Drivers.driver(EventFeatures.addTo(new Topology(), store, DEDUP_WINDOW));
        events = Drivers.input(driver, Topics.SHOP_EVENTS.name());
        deadLetters = Drivers.output(driver, Topics.SHOP_EVENTS.deadLetters().name());
    }

    @AfterEach
    void stop() {
        driver.close();
        store.close();
    }

    @Test
    @DisplayName("views count 1, carts 3, purchases 5 and ratings their value, shop-wide and in the product's category")
    void interactionsAreWeighted() {
        send(interaction(EventType.VIEW, "u-1", "p-1", null));
        send(interaction(EventType.ADD_TO_CART, "u-1", "p-1", null));
        send(interaction(EventType.PURCHASE, "u-1", "p-1", 1.0));
        send(interaction(EventType.RATING, "u-2", "p-2", 4.0));

        assertThat(store.popular(10)).containsExactly(new ScoredItem("p-1", 9), new ScoredItem("p-2", 4));
        assertThat(store.trending("kitchen", 10)).containsExactly(new ScoredItem("p-1", 9));
        assertThat(store.trending("outdoor", 10)).containsExactly(new ScoredItem("p-2", 4));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a shopper's interactions become recent items, and purchases are remembered")
    void recentItemsAndPurchases() {
        send(interaction(EventType.VIEW, "u-1", "p-1", null));
        send(interaction(EventType.VIEW, "u-1", "p-2", null));
        send(interaction(EventType.PURCHASE, "u-1", "p-1", 1.0));

        assertThat(store.recentItems("u-1")).containsExactly("p-1", "p-2");
        assertThat(store.purchased("u-1")).containsExactly("p-1");
    }

    @Test
    @DisplayName("a duplicated event id is counted once")
    void duplicatesChangeNothing() {
        ShopEvent purchase = interaction(EventType.PURCHASE, "u-1", "p-1", 1.0);
        send(purchase);
        send(purchase);
        driver.advanceWallClockTime(Duration.ofDays(1));
        send(purchase);

        assertThat(store.popular(10)).containsExactly(new ScoredItem("p-1", 5));
        assertThat(store.trending("kitchen", 10)).containsExactly(new ScoredItem("p-1", 5));
    }

    @Test
    @DisplayName("served and clicked recommendations do not feed the features")
    void recommendationEventsAreNotInteractions() {
        var reco = new RecoContext("r-1", Tier.BATCH, "v1", "control");
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, "u-1", null, "p-1", null, Drivers.START, reco));
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_CLICKED, "u-1", null, "p-1", null, Drivers.START, reco));

        assertThat(store.popular(10)).isEmpty();
        assertThat(store.recentItems("u-1")).isEmpty();
    }

    @Test
    @DisplayName("an anonymous session counts for popularity, and a product the catalog does not know is not trending anywhere")
    void anonymousAndUnknownProducts() {
        send(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.VIEW, null, "s-1", "p-unknown", null, Drivers.START, null));

        assertThat(store.popular(10)).containsExactly(new ScoredItem("p-unknown", 1));
        assertThat(store.trending("kitchen", 10)).isEmpty();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("an old-version (v1) event is upcast and counted like a current one")
    void oldVersionEventsAreRead() {
        String v1 = """
                {"eventId":"%s","schemaVersion":1,"type":"view","userId":"u-9","productId":"p-2","timestamp":1763980530000}"""
                .formatted(UUID.randomUUID());
        events.pipeInput("u-9", v1.getBytes());

        assertThat(store.popular(10)).containsExactly(new ScoredItem("p-2", 1));
        assertThat(store.recentItems("u-9")).containsExactly("p-2");
    }

    private void send(ShopEvent event) {
        events.pipeInput(event.partitionKey(), Drivers.encode(Contract.SHOP_EVENT, event));
    }

    private static ShopEvent interaction(EventType type, String userId, String productId, Double value) {
        return ShopEvent.interaction(UUID.randomUUID(), type, userId, productId, value, Drivers.START);
    }
}
