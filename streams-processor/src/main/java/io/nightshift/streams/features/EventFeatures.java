package io.nightshift.streams.features;

import io.nightshift.featurestore.CatalogCache;
import io.nightshift.featurestore.CohortCounts;
import io.nightshift.featurestore.OnlineFeatures;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;

/**
 * {@code shop.events.v1} → the online features in Redis: popular, trending per category, each
 * user's recent items and purchases; and the A/B cohorts' served and clicked answers ({@link CohortCounts}).
 *
 * <pre>
 * events-source ─▶ events-to-features [event-ids] ─┬─(undecodable, failed)─▶ events-dead-letters (shop.events.v1.dlq)
 *                 (recent items, purchases)        └─(interaction, keyed by product)─▶ interactions-by-product (&lt;app id&gt;-interactions-by-product)
 * interactions-source ─┬─▶ product-popular [product-popularity]
 *                      └─▶ category-trending [product-trends, uncategorized-products]
 * </pre>
 *
 * The features are counters, so an event must be counted once: {@value #EVENT_IDS} remembers the
 * ids seen within the dedup window (a windowed store, so old ids age out by segment instead of
 * growing for ever). A duplicate is keyed like its original (same shopper), so it meets the
 * same store.
 *
 * Popular and trending are sums over all of a product's interactions, which arrive keyed by
 * shopper: they are re-keyed through a topic of this application's own (named after its
 * application id, so a replay's new generation starts from an empty one) and summed in state
 * stores of the product-keyed tasks. Those stores are changelogged, so they commit with the
 * offsets (exactly-once), and each write to Redis is the product's whole score: processing a
 * record again after a crash rewrites the same value instead of counting it twice.
 *
 * Their Redis writes wait in {@value #PENDING_SCORES} until the task commits ({@link PendingScores}): one
 * round trip per commit instead of one or two per record, and only a product's last score of it.
 *
 * An application that kept popular by increments in Redis (before these stores existed) starts
 * them empty: after such an upgrade, {@code ./nightshift replay} once rebuilds every score.
 */
public final class EventFeatures {

    public static final String SOURCE = "events-source";
    public static final String FEATURES = "events-to-features";
    public static final String DEAD_LETTERS = "events-dead-letters";
    public static final String EVENT_IDS = "event-ids";
    public static final String BY_PRODUCT = "interactions-by-product";
    public static final String INTERACTIONS_SOURCE = "interactions-source";
    public static final String POPULAR = "product-popular";
    public static final String POPULARITY = "product-popularity";
    public static final String TRENDING = "category-trending";
    public static final String TRENDS = "product-trends";
    public static final String UNCATEGORIZED = "uncategorized-products";
    public static final String PENDING_SCORES = "pending-scores";

    private EventFeatures() {
    }

    /** The re-keying topic of an application id; {@code StreamsRuntime} creates it like the shop's topics. */
    public static String byProductTopic(String applicationId) {
        return applicationId + "-" + BY_PRODUCT;
    }

    /**
     * @param byProductTopic the re-keying topic, {@link #byProductTopic(String)} of the application id
     */
    public static Topology addTo(Topology topology, OnlineFeatures features, CohortCounts cohorts, CatalogCache catalog, Duration dedupWindow,
                                 DecaySettings decay, String byProductTopic) {
        return addTo(topology, features, cohorts, catalog, dedupWindow, decay, byProductTopic, new Erasures());
    }

    /**
     * @param erasures the shoppers' erasures: an event they cover is projected nowhere, neither into the
     *                 shopper's own features nor into popular and trending
     */
    public static Topology addTo(Topology topology, OnlineFeatures features, CohortCounts cohorts, CatalogCache catalog, Duration dedupWindow,
                                 DecaySettings decay, String byProductTopic, Erasures erasures) {
        return topology
                .addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.SHOP_EVENTS.name())
                .addProcessor(FEATURES, () -> new InteractionFeatures(features, cohorts, erasures, dedupWindow, DEAD_LETTERS, BY_PRODUCT), SOURCE)
                .addStateStore(eventIds(dedupWindow), FEATURES)
                .addSink(DEAD_LETTERS, Topics.SHOP_EVENTS.deadLetters().name(), new StringSerializer(), new ByteArraySerializer(), FEATURES)
                .addSink(BY_PRODUCT, byProductTopic, new StringSerializer(), new ByteArraySerializer(), FEATURES)

                .addSource(INTERACTIONS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), byProductTopic)
                .addProcessor(POPULAR, () -> new ProductPopularity(decay), INTERACTIONS_SOURCE)
                .addStateStore(popularity(), POPULAR)
                .addProcessor(TRENDING, () -> new CategoryTrending(catalog, decay), INTERACTIONS_SOURCE)
                .addStateStore(trends(), TRENDING)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(UNCATEGORIZED), Serdes.String(), Serdes.String()),
                        TRENDING)
                // Popular and trending of a task reach Redis together, once per commit.
                .addStateStore(PendingScores.builder(PENDING_SCORES, features), POPULAR, TRENDING);
    }

    /**
     * Product id → its popularity ({@link Popularity}: a log-sum, or the plain sum an older release
     * wrote, read as its log); kept for ever, one small row per product.
     */
    private static StoreBuilder<KeyValueStore<String, byte[]>> popularity() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POPULARITY), Serdes.String(), Serdes.ByteArray());
    }

    /** Product id → its trending sums and category ({@link TrendScore}); kept for ever, one small row per product. */
    private static StoreBuilder<KeyValueStore<String, String>> trends() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRENDS), Serdes.String(), Serdes.String());
    }

    /** Event id → when it was first seen (wall clock), kept for the dedup window. */
    private static StoreBuilder<WindowStore<String, Long>> eventIds(Duration dedupWindow) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(EVENT_IDS, dedupWindow, dedupWindow, false),
                Serdes.String(), Serdes.Long());
    }
}
