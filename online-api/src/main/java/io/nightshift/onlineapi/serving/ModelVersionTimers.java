package io.nightshift.onlineapi.serving;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nightshift.schemas.Tier;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The serving timers by endpoint, tier and model version, with the versions bounded: a new
 * version arrives every night, so a timer per version ever seen would grow the scrape (each is a
 * histogram of dozens of buckets) without end. The {@link #KEPT} most recently admitted versions
 * have series; admitting one more removes the oldest one's. Only the active version, the previous
 * one and the cohorts' pinned versions are served at a time, so nothing served is evicted in
 * practice; a version served again after its eviction is admitted again.
 */
final class ModelVersionTimers {

    static final int KEPT = 8;
    /** The tag of answers from tiers without a model (trending, popular, and the like). */
    static final String NONE = "none";

    private record Key(ServingMetrics.Endpoint endpoint, Tier tier, String version) {
    }

    private final MeterRegistry meters;
    private final BiFunction<Key, MeterRegistry, Timer> build;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final ArrayDeque<String> admitted = new ArrayDeque<>();

    ModelVersionTimers(MeterRegistry meters, Duration... slos) {
        this.meters = meters;
        this.build = (key, registry) -> Timer.builder("nightshift.reco.latency")
                .description("time to answer a recommendation request, by the tier that answered and its model version")
                .tag("endpoint", key.endpoint().name().toLowerCase())
                .tag("tier", key.tier().wire())
                .tag("model_version", key.version())
                .publishPercentileHistogram()
                .serviceLevelObjectives(slos)
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
        // Series without a model exist from the start, so a dashboard shows zeros rather than nothing.
        for (ServingMetrics.Endpoint endpoint : ServingMetrics.Endpoint.values()) {
            for (Tier tier : Tier.values()) {
                timers.put(new Key(endpoint, tier, NONE), build.apply(new Key(endpoint, tier, NONE), meters));
            }
        }
    }

    Timer timer(ServingMetrics.Endpoint endpoint, Tier tier, String modelVersion) {
        Key key = new Key(endpoint, tier, modelVersion == null ? NONE : modelVersion);
        Timer timer = timers.get(key);
        return timer != null ? timer : admit(key);
    }

    private synchronized Timer admit(Key key) {
        Timer existing = timers.get(key);
        if (existing != null) {
            return existing;
        }
        if (!admitted.contains(key.version())) {
            admitted.addLast(key.version());
            if (admitted.size() > KEPT) {
                evict(admitted.removeFirst());
            }
        }
        Timer timer = build.apply(key, meters);
        timers.put(key, timer);
        return timer;
    }

    private void evict(String version) {
        timers.entrySet().removeIf(entry -> {
            if (!entry.getKey().version().equals(version)) {
                return false;
            }
            meters.remove(entry.getValue());
            return true;
        });
    }
}
