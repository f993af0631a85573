package io.nightshift.streams.features;

import io.nightshift.featurestore.CohortCounts;
import io.nightshift.featurestore.OnlineFeatures;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.InteractionWeight;
import io.nightshift.schemas.event.RecoContext;
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
 * <p>The shopper's own features are written here (this task holds all of a shopper's events):
 * recent items by event time, purchases. Popular and trending are sums per product, computed
 * downstream ({@link ProductPopularity}, {@link CategoryTrending}) from the interaction
 * forwarded keyed by product.
 *
 * <p>Exactly-once covers Kafka (offsets, the id store and the forwarded interaction commit
 * together), not Redis: if the process dies between a Redis write and the commit, the event is
 * processed again on restart. Every Redis write is therefore idempotent: a product's latest event
 * time ({@code ZADD GT}), a set member, and downstream the whole score from state.
 *
 * <p>Which events count: every event the contract accepts, whatever its time, the same ones the
 * PostgreSQL event log stores, weighed by {@link InteractionWeight#POPULARITY}. The contract allows 1970 to 2199; an event from 1970 counts with a
 * vanishingly small weight, one dated 2199 with a large but finite log-score ({@link DecaySettings});
 * neither is refused. (Kafka refuses a negative record timestamp, so the forwarded record never
 * carries one earlier than 1970, whatever older contract a replayed record was written under; the
 * interaction keeps its own time inside.)
 */
final class InteractionFeatures extends ContractProcessor<ShopEvent> {

    private final OnlineFeatures features;
    private final CohortCounts cohorts;
    private final Erasures erasures;
    private final Duration dedupWindow;
    private final String byProductSink;
    private WindowStore<String, Long> eventIds;

    InteractionFeatures(OnlineFeatures features, CohortCounts cohorts, Erasures erasures, Duration dedupWindow, String deadLetterSink,
                        String byProductSink) {
        super(Contract.SHOP_EVENT, deadLetterSink);
        this.features = features;
        this.cohorts = cohorts;
        this.erasures = erasures;
        this.dedupWindow = dedupWindow;
        this.byProductSink = byProductSink;
    }

    @Override
    protected void onInit(ProcessorContext<String, byte[]> context) {
        eventIds = context.getStateStore(EventFeatures.EVENT_IDS);
    }

    @Override
    protected void handle(String key, ShopEvent event) {
        if (event.type() == EventType.RECO_SERVED || event.type() == EventType.RECO_CLICKED) {
            countForCohorts(event);
            return;
        }
        OptionalDouble weight = InteractionWeight.POPULARITY.of(event);
        if (weight.isEmpty()) {
            // Ratings without stars feed the analysts' log, not the features.
            return;
        }
        if (erasures.covers(event)) {
            // The shopper asked to be forgotten: the event counts nowhere, on a replay neither.
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

    /**
     * The A/B score. Counted by request id into HyperLogLogs, so a record processed again changes
     * nothing and needs no event-id check. Anonymous answers have no cohort; a cohort name serving
     * could not be configured with comes from someone's hand-made event and is not counted. A click
     * counts in the cohort its answer was served to, whatever the click says.
     */
    private void countForCohorts(ShopEvent event) {
        RecoContext reco = event.reco();
        if (reco == null || reco.requestId() == null || reco.requestId().isBlank()) {
            return;
        }
        if (event.type() == EventType.RECO_CLICKED) {
            cohorts.clicked(reco.requestId());
        } else if (CohortCounts.countable(reco.cohort())) {
            cohorts.served(reco.cohort(), reco.requestId(), event.occurredAt());
        }
    }

    private boolean seenWithinWindow(String eventId, long now) {
        try (WindowStoreIterator<Long> seen = eventIds.fetch(eventId, now - dedupWindow.toMillis(), now)) {
            return seen.hasNext();
        }
    }

    private void apply(ShopEvent event, double weight) {
        String productId = event.productId();
        // Redis first: if Redis refuses a write, the record is dead-lettered before anything of it
        // was counted downstream, so sending it again from the dead letters counts it once.
        if (event.userId() != null) {
            // Anonymous sessions have no per-user keys: "for you" lists are built for known shoppers.
            features.pushRecent(event.userId(), productId, event.occurredAt());
            if (event.type() == EventType.PURCHASE) {
                features.recordPurchase(event.userId(), productId);
            }
        }
        context().forward(new Record<>(productId, new Interaction(weight, event.occurredAt()).encode(),
                Math.max(0, event.occurredAt().toEpochMilli())), byProductSink);
    }
}
