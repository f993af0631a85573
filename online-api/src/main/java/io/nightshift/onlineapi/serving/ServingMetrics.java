package io.nightshift.onlineapi.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.featurestore.ServingReads;
import io.nightshift.schemas.Tier;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the serving path did, for {@code /actuator/prometheus}. Meters are built once (not looked
 * up per request) because they sit on the hot path.
 *
 * <ul>
 *   <li>{@code nightshift_reco_latency_seconds{endpoint, tier, model_version}}: server-side time per answer, a histogram
 *   (percentile buckets plus SLO buckets at 1, 2, 5, 10, 25, 50, 100 ms) for p50/p95/p99 with
 *   {@code histogram_quantile}; its {@code _count} is the request count per tier and model version
 *   ({@code none} for tiers without a model; the versions are bounded, see {@link ModelVersionTimers})</li>
 *   <li>{@code nightshift_reco_stale_total{tier}}: answers older than their tier's freshness</li>
 *   <li>{@code nightshift_reco_last_known_good_total}: answers from memory because Redis was unreachable</li>
 *   <li>{@code nightshift_reco_unreadable_values_total}: scores or prices in Redis that were not finite numbers,
 *   skipped item by item instead of failing the answer</li>
 *   <li>{@code nightshift_fresh_requests_total{outcome}}: {@code enqueued} (sent to the laptop),
 *   {@code coalesced} (another miss already asked), {@code skipped} (Redis away: no marker, no request)</li>
 * </ul>
 * The console's charts read the same answers from {@link ServingHistory}.
 */
@Component
class ServingMetrics {

    enum Endpoint { PRODUCT, USER, POPULAR, LATEST, BASKET }

    enum FreshOutcome { ENQUEUED, COALESCED, SKIPPED }

    private final ModelVersionTimers latency;
    private final Map<Tier, Counter> stale = new EnumMap<>(Tier.class);
    private final Map<FreshOutcome, Counter> fresh = new EnumMap<>(FreshOutcome.class);
    private final Counter lastKnownGood;
    private final ServingHistory history;

    ServingMetrics(MeterRegistry meters, ServingReads reads, ServingHistory history) {
        this.history = history;
        FunctionCounter.builder("nightshift.reco.unreadable.values", reads, ServingReads::unreadableValues)
                .description("scores or prices read from Redis that were not finite numbers and were skipped; replay rewrites them")
                .register(meters);
        latency = new ModelVersionTimers(meters, ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100));
        for (Tier tier : Tier.values()) {
            stale.put(tier, Counter.builder("nightshift.reco.stale").description("answers older than their tier's freshness")
                    .tag("tier", tier.wire()).register(meters));
        }
        for (FreshOutcome outcome : FreshOutcome.values()) {
            fresh.put(outcome, Counter.builder("nightshift.fresh.requests").description("misses on batch and fresh, by what became of them")
                    .tag("outcome", outcome.name().toLowerCase()).register(meters));
        }
        lastKnownGood = Counter.builder("nightshift.reco.last.known.good")
                .description("answers served from memory because Redis was unreachable").register(meters);
    }

    void answered(Endpoint endpoint, Recommendation answer, long nanos) {
        latency.timer(endpoint, answer.tier(), answer.modelVersion()).record(Duration.ofNanos(nanos));
        history.record(answer.tier(), nanos);
        if (answer.stale()) {
            stale.get(answer.tier()).increment();
        }
        if (answer.tier() == Tier.LAST_KNOWN_GOOD) {
            lastKnownGood.increment();
        }
    }

    void freshRequest(FreshOutcome outcome) {
        fresh.get(outcome).increment();
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
