package io.nightshift.streams.catalog;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.topic.DeadLetterHeaders;
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

import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class CatalogProjectionTest {

    private FeatureStore store;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> catalog;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start(RedisEndpoint redis) {
        store = Drivers.emptyStore(redis);
        driver = Drivers.driver(CatalogProjection.addTo(new Topology(), store.catalog()));
        catalog = Drivers.input(driver, Topics.SHOP_CATALOG.name());
        deadLetters = Drivers.output(driver, Topics.SHOP_CATALOG.deadLetters().name());
    }

    @AfterEach
    void stop() {
        driver.close();
        store.close();
    }

    @Test
    @DisplayName("an upsert writes the product to Redis, and a later upsert replaces it whole")
    void upsertReplacesTheProduct() {
        upsert(new Product("p-1", "Skillet", "kitchen", 34.9, true));
        upsert(new Product("p-1", "Skillet 26 cm", "kitchen", null, false));

        assertThat(store.catalog().product("p-1")).contains(new Product("p-1", "Skillet 26 cm", "kitchen", null, false));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a delete and a tombstone both remove the product")
    void deleteAndTombstoneRemove() {
        upsert(new Product("p-1", "Skillet", "kitchen", 34.9, true));
        upsert(new Product("p-2", "Kettle", "kitchen", 20.0, true));

        catalog.pipeInput("p-1", Drivers.encode(Contract.CATALOG_EVENT, CatalogEvent.delete(UUID.randomUUID(), "p-1", Drivers.START)));
        catalog.pipeInput("p-2", (byte[]) null);

        assertThat(store.catalog().product("p-1")).isEmpty();
        assertThat(store.catalog().product("p-2")).isEmpty();
    }

    @Test
    @DisplayName("a replayed upsert changes nothing")
    void duplicatesChangeNothing() {
        CatalogEvent event = CatalogEvent.upsert(UUID.randomUUID(), new Product("p-3", "Pan", "kitchen", 12.0, true), Drivers.START);
        catalog.pipeInput("p-3", Drivers.encode(Contract.CATALOG_EVENT, event));
        catalog.pipeInput("p-3", Drivers.encode(Contract.CATALOG_EVENT, event));

        assertThat(store.catalog().product("p-3")).contains(event.product());
    }

    @Test
    @DisplayName("an upsert that breaks the contract goes to shop.catalog.v1.dlq and leaves Redis alone")
    void invalidUpsertIsDeadLettered() {
        byte[] noProduct = """
                {"eventId":"%s","schemaVersion":1,"change":"upsert","productId":"p-9","occurredAt":"2026-11-24T10:00:00Z"}"""
                .formatted(UUID.randomUUID()).getBytes();
        catalog.pipeInput("p-9", noProduct);

        var dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("p-9");
        assertThat(dead.value()).isEqualTo(noProduct);
        assertThat(Drivers.header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.SHOP_CATALOG.name());
        assertThat(Drivers.header(dead, DeadLetterHeaders.ERROR)).contains("catalog-event is invalid");
        assertThat(store.catalog().product("p-9")).isEmpty();
    }

    @Test
    @DisplayName("the newest products are ordered by their first upsert's record time; a later upsert or a replay keeps it, a delete or tombstone removes it")
    void newestProductsByFirstAppearance() {
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        upsertAt(new Product("p-a", "Pan", "kitchen", 12.0, true), t0);
        upsertAt(new Product("p-b", "Pot", "kitchen", 15.0, true), t0.plusSeconds(60));
        upsertAt(new Product("p-c", "Lid", "kitchen", 5.0, true), t0.plusSeconds(120));
        upsertAt(new Product("p-a", "Pan, renamed", "kitchen", 12.0, true), t0.plusSeconds(600));
        catalog.pipeInput("p-c", (byte[]) null, t0.plusSeconds(700));

        var latest = store.serving().latestRead(null, 10).items();
        assertThat(latest).extracting(ScoredItem::productId).containsExactly("p-b", "p-a");
        assertThat(latest.getLast().score()).isEqualTo(t0.toEpochMilli());
    }

    private void upsertAt(Product product, Instant at) {
        catalog.pipeInput(product.productId(),
                Drivers.encode(Contract.CATALOG_EVENT, CatalogEvent.upsert(UUID.randomUUID(), product, at)), at);
    }

    private void upsert(Product product) {
        catalog.pipeInput(product.productId(),
                Drivers.encode(Contract.CATALOG_EVENT, CatalogEvent.upsert(UUID.randomUUID(), product, Drivers.START)));
    }
}
