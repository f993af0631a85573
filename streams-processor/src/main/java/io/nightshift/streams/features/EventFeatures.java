package io.nightshift.streams.features;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;

/**
 * {@code shop.events.v1} → the online features in Redis: popular, trending per category, each
 * user's recent items and purchases.
 *
 * <pre>
 * events-source ─▶ events-to-features [event-ids] ─(undecodable, failed)─▶ events-dead-letters (shop.events.v1.dlq)
 * </pre>
 *
 * The features are counters, so an event must be counted once: {@value #EVENT_IDS} remembers the
 * ids seen within the dedup window (a windowed store, so old ids age out by segment instead of
 * growing for ever). A duplicate is keyed like its original (same shopper), so it meets the
 * same store.
 */
public final class EventFeatures {

    public static final String SOURCE = "events-source";
    public static final String FEATURES = "events-to-features";
    public static final String DEAD_LETTERS = "events-dead-letters";
    public static final String EVENT_IDS = "event-ids";

    private EventFeatures() {
    }

    public static Topology addTo(Topology topology, FeatureStore store, Duration dedupWindow) {
        return topology
                .addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.SHOP_EVENTS.name())
                .addProcessor(FEATURES, () -> new InteractionFeatures(store, dedupWindow, DEAD_LETTERS), SOURCE)
                .addStateStore(eventIds(dedupWindow), FEATURES)
                .addSink(DEAD_LETTERS, Topics.SHOP_EVENTS.deadLetters().name(), new StringSerializer(), new ByteArraySerializer(), FEATURES);
    }

    /** Event id → when it was first seen (wall clock), kept for the dedup window. */
    private static StoreBuilder<WindowStore<String, Long>> eventIds(Duration dedupWindow) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(EVENT_IDS, dedupWindow, dedupWindow, false),
                Serdes.String(), Serdes.Long());
    }
}
