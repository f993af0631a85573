package io.nightshift.streams.features;

import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last guard before Redis and the first after the state stores: a score that is not a finite
 * number (NaN or ±∞, from state written by an older release or from arithmetic on a hostile
 * value) is a data error. It is logged with structured fields, counted in
 * {@value #METRIC}{@code {feature, reason}} and never written: one infinite member of a sorted
 * set breaks every reader of it (serving turns it into a 5xx), so the product is skipped until its
 * state is usable again.
 */
final class UnusableScores {

    static final String METRIC = "nightshift.features.unusable.scores";
    private static final Logger LOG = LoggerFactory.getLogger(UnusableScores.class);

    private UnusableScores() {
    }

    /** Whether {@code score} may be written; counts and logs it when not. */
    static boolean writable(String feature, String productId, double score) {
        if (Double.isFinite(score)) {
            return true;
        }
        report(feature, productId, "non-finite-score", score);
        return false;
    }

    /** Counts and logs a value that cannot be used; the caller skips or resets it. */
    static void report(String feature, String productId, String reason, double value) {
        LOG.warn("unusable feature score skipped: feature={} productId={} reason={} value={}", feature, productId, reason, value);
        Metrics.counter(METRIC, "feature", feature, "reason", reason).increment();
    }
}
