package io.nightshift.cli.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The online API's own latency during one run of load: its timers scraped from
 * {@code /actuator/prometheus} before and after, subtracted. Unlike the client-side figures this
 * leaves out the load generator and the wait for a connection, which on a small machine with many
 * callers is most of what the client sees.
 *
 * @param byTier       the serving timer's delta per endpoint and answering tier (tiers that answered nothing left out)
 * @param wholeRequest the framework's timer over the recommendation endpoints (filters, controller, JSON writing);
 *                     without buckets unless the API publishes them, so often only its mean is known
 */
public record ServerLatency(Map<Series, Histogram> byTier, Histogram wholeRequest) {

    /** Server-side time per answer, tagged {@code endpoint} and {@code tier} (online-api's ServingMetrics). */
    static final String SERVING_TIMER = "nightshift_reco_latency_seconds";
    /** Spring's own timer per request, tagged {@code uri}, {@code method}, {@code status}, ... */
    static final String HTTP_TIMER = "http_server_requests_seconds";
    /** Answered from memory while Redis is away: the one tier that is not a cache read. */
    static final String NOT_CACHED = "last-known-good";

    /** One series of the serving timer. */
    public record Series(String endpoint, String tier) {
    }

    public ServerLatency {
        byTier = Map.copyOf(byTier);
        Objects.requireNonNull(wholeRequest);
    }

    static ServerLatency between(PrometheusText before, PrometheusText after) {
        Map<Map<String, String>, Histogram> earlier = Histogram.all(before, SERVING_TIMER);
        Map<Series, Histogram> byTier = new LinkedHashMap<>();
        Histogram.all(after, SERVING_TIMER).forEach((labels, later) -> {
            Histogram delta = later.minus(earlier.getOrDefault(labels, Histogram.EMPTY));
            if (delta.count() > 0) {
                byTier.merge(new Series(labels.getOrDefault("endpoint", "?"), labels.getOrDefault("tier", "?")), delta, Histogram::plus);
            }
        });
        Histogram http = Histogram.merged(after, HTTP_TIMER, ServerLatency::recommendations)
                .minus(Histogram.merged(before, HTTP_TIMER, ServerLatency::recommendations));
        return new ServerLatency(byTier, http);
    }

    private static boolean recommendations(Map<String, String> labels) {
        return labels.getOrDefault("uri", "").endsWith("/recommendations");
    }

    /** Every answer from a cached tier (all but last-known-good) of every endpoint, as one histogram. */
    public Histogram cached() {
        return byTier.entrySet().stream().filter(e -> !e.getKey().tier().equals(NOT_CACHED))
                .map(Map.Entry::getValue).reduce(Histogram.EMPTY, Histogram::plus);
    }

    /** The series busiest first, for the report. */
    Iterable<Map.Entry<Series, Histogram>> busiestFirst() {
        return byTier.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<Series, Histogram> e) -> -e.getValue().count()))
                .toList();
    }
}
