package io.nightshift.cli.bench;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One Prometheus histogram series (or summary-like timer without buckets): cumulative bucket
 * counts by upper bound ({@code le}), the observation count and the sum in seconds. Two
 * scrapes subtracted give the histogram of what happened between them, which is how the
 * benchmark reads the server's own latency for exactly its load.
 *
 * @param buckets cumulative counts by upper bound in seconds, {@code +Inf} last; empty when the
 *                timer publishes no buckets (then only the mean is known)
 */
public record Histogram(NavigableMap<Double, Double> buckets, double count, double sum) {

    static final Histogram EMPTY = new Histogram(new TreeMap<>(), 0, 0);

    public Histogram {
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }

    /**
     * Every series of the histogram {@code name} (the base name, without {@code _bucket},
     * {@code _count}, {@code _sum}) on the page, keyed by its labels without {@code le}.
     */
    static Map<Map<String, String>, Histogram> all(PrometheusText page, String name) {
        Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Map<Map<String, String>, Double> sums = new HashMap<>();
        for (PrometheusText.Sample sample : page.samples()) {
            if (sample.name().equals(name + "_bucket")) {
                Map<String, String> labels = new LinkedHashMap<>(sample.labels());
                String le = labels.remove("le");
                if (le == null) {
                    throw new IllegalStateException(name + "_bucket without an le label: " + sample.labels());
                }
                buckets.computeIfAbsent(Map.copyOf(labels), k -> new TreeMap<>()).put(PrometheusText.number(le), sample.value());
            } else if (sample.name().equals(name + "_count")) {
                counts.put(Map.copyOf(sample.labels()), sample.value());
            } else if (sample.name().equals(name + "_sum")) {
                sums.put(Map.copyOf(sample.labels()), sample.value());
            }
        }
        Map<Map<String, String>, Histogram> series = new LinkedHashMap<>();
        counts.forEach((labels, count) -> series.put(labels,
                new Histogram(buckets.getOrDefault(labels, new TreeMap<>()), count, sums.getOrDefault(labels, 0.0))));
        return series;
    }

    /** The sum of the series of {@code name} whose labels pass {@code which}; all must share bucket bounds. */
    static Histogram merged(PrometheusText page, String name, Predicate<Map<String, String>> which) {
        return all(page, name).entrySet().stream().filter(e -> which.test(e.getKey()))
                .map(Map.Entry::getValue).reduce(EMPTY, Histogram::plus);
    }

    /** What was observed between {@code before} and this later scrape of the same series. */
    Histogram minus(Histogram before) {
        if (count < before.count) {
            throw new IllegalStateException("the series went backwards (" + before.count + " → " + count
                    + "): the server restarted between the scrapes");
        }
        return combine(before, -1);
    }

    Histogram plus(Histogram other) {
        return combine(other, 1);
    }

    private Histogram combine(Histogram other, int sign) {
        if (other.count == 0 && other.buckets.isEmpty()) {
            return this;
        }
        if (count == 0 && buckets.isEmpty() && sign > 0) {
            return other;
        }
        if (!buckets.keySet().equals(other.buckets.keySet())) {
            throw new IllegalStateException("histograms with different buckets cannot be combined");
        }
        TreeMap<Double, Double> combined = new TreeMap<>();
        buckets.forEach((le, cumulative) -> combined.put(le, cumulative + sign * other.buckets.get(le)));
        return new Histogram(combined, count + sign * other.count, sum + sign * other.sum);
    }

    /** Mean observation in seconds, NaN without observations. */
    double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * The q-quantile in seconds, interpolated linearly inside the bucket it falls in, as
     * Prometheus' {@code histogram_quantile} does (lower edge of the first bucket: 0; in the
     * {@code +Inf} bucket: the largest finite bound). NaN without buckets or observations.
     */
    double quantile(double q) {
        return quantile(q, true);
    }

    /**
     * The upper bound of the bucket the q-quantile falls in: "at most this", never an
     * underestimate. {@code +Inf} when it lies beyond the largest finite bucket.
     */
    double quantileUpperBound(double q) {
        return quantile(q, false);
    }

    private double quantile(double q, boolean interpolate) {
        if (buckets.isEmpty()) {
            return Double.NaN;
        }
        double total = buckets.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double bound = bucket.getKey();
            double cumulative = bucket.getValue();
            if (cumulative >= rank) {
                if (Double.isInfinite(bound)) {
                    return interpolate ? lowerBound : bound;
                }
                if (!interpolate) {
                    return bound;
                }
                return lowerBound + (bound - lowerBound) * (rank - lowerCount) / (cumulative - lowerCount);
            }
            lowerBound = bound;
            lowerCount = cumulative;
        }
        return lowerBound;
    }
}
