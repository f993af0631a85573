package io.nightshift.streams.features;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.streams.deadletter.ContractProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Counts one interaction into the features, once per event id.
 *
 * <p>Popular gets the event's decayed weight ({@link DecaySettings}); trending is computed per
 * product downstream ({@link CategoryTrending}), so the interaction is forwarded keyed by product.
 *
 * <p>Exactly-once covers Kafka (offsets and the id store commit together), not Redis: if the
 * process dies between a Redis increment and the commit, the event is counted again on restart.
 * That over-count is bounded by one commit interval and fades with the decay; a replay removes it.
 */
final class InteractionFeatures extends ContractProcessor<ShopEvent> {

    private final FeatureStore store;
    private final Duration dedupWindow;
    private final DecaySettings decay;
    private final String byProductSink;
    private WindowStore<String, Long> eventIds;

    InteractionFeatures(FeatureStore store, Duration dedupWindow, DecaySettings decay, String deadLetterSink, String byProductSink) {
        super(Contract.SHOP_EVENT, deadLetterSink);
        this.store = store;
        this.dedupWindow = dedupWindow;
        this.decay = decay;
        this.byProductSink = byProductSink;
    }

    @Override
    protected void onInit(ProcessorContext<String, byte[]> context) {
        eventIds = context.getStateStore(EventFeatures.EVENT_IDS);
    }

    @Override
    protected void handle(String key, ShopEvent event) {
        OptionalDouble weight = InteractionWeights.of(event);
        if (weight.isEmpty()) {
            // Served and clicked recommendations (and unrated ratings) feed the analysts' log, not the features.
            return;
        }
        String eventId = event.eventId().toString();
        long now = context().currentSystemTimeMs();
        if (seenWithinWindow(eventId, now)) {
            return;
        }
        apply(event, weight.getAsDouble());
        // Remembered only once applied: a record that failed goes to the dead letters and may be replayed from there.
        eventIds.put(eventId, now, now);
    }

    private boolean seenWithinWindow(String eventId, long now) {
        try (WindowStoreIterator<Long> seen = eventIds.fetch(eventId, now - dedupWindow.toMillis(), now)) {
            return seen.hasNext();
        }
    }

    private void apply(ShopEvent event, double weight) {
        String productId = event.productId();
        store.incrementPopular(productId, decay.popularIncrement(weight, event.occurredAt()));
        if (weight > 0) {
            // Trending works on logarithms: only positive weights (a zero rating says nothing there).
            context().forward(new Record<>(productId, new CategoryTrending.Interaction(weight, event.occurredAt()).encode(),
                    event.occurredAt().toEpochMilli()), byProductSink);
        }
        if (event.userId() == null) {
            // Anonymous sessions have no per-user keys: "for you" lists are built for known shoppers.
            return;
        }
        store.pushRecent(event.userId(), productId);
        if (event.type() == EventType.PURCHASE) {
            store.recordPurchase(event.userId(), productId);
        }
    }
}
