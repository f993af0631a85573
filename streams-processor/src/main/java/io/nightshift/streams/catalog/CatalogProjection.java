package io.nightshift.streams.catalog;

import io.nightshift.featurestore.CatalogCache;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * {@code shop.catalog.v1} → the product hashes in Redis that serving filters and trending read.
 *
 * <pre>
 * catalog-source ─▶ catalog-to-redis ─(undecodable, failed)─▶ catalog-dead-letters (shop.catalog.v1.dlq)
 * </pre>
 *
 * Upserts and deletes are idempotent (a product hash is replaced whole), so a replay of the
 * compacted topic rebuilds the projection and duplicates change nothing.
 */
public final class CatalogProjection {

    public static final String SOURCE = "catalog-source";
    public static final String PROJECT = "catalog-to-redis";
    public static final String DEAD_LETTERS = "catalog-dead-letters";

    private CatalogProjection() {
    }

    public static Topology addTo(Topology topology, CatalogCache catalog) {
        return topology
                .addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.SHOP_CATALOG.name())
                .addProcessor(PROJECT, () -> new CatalogProjector(catalog, DEAD_LETTERS), SOURCE)
                .addSink(DEAD_LETTERS, Topics.SHOP_CATALOG.deadLetters().name(), new StringSerializer(), new ByteArraySerializer(), PROJECT);
    }
}
