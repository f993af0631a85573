package io.nightshift.streams.features;

import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feature write that Redis answers but refuses (a key of the wrong type, left there by hand)
 * in the processors that read the re-keying topic. Their records are this application's own,
 * not the shop's, so there is no shop record to dead-letter; failing the task would stop every
 * product of the partition on one bad key. Every write there is a product's whole score, kept in
 * a state store, so a refused write is logged, counted and skipped: the product's next write
 * repairs it once the key is fixed.
 *
 * <p>Redis being away is different: it fails the task, the transaction aborts and the records
 * are processed again (see {@link io.nightshift.streams.deadletter.ContractProcessor}).
 */
final class RefusedWrites {

    static final String METRIC = "nightshift.features.refused.writes";
    private static final Logger LOG = LoggerFactory.getLogger(RefusedWrites.class);

    private RefusedWrites() {
    }

    /** Logs and counts a write Redis answered with an error; nothing else happens to it. */
    static void refused(String feature, String productId, RuntimeException error) {
        LOG.warn("Redis refused the {} write of product {}; its next write repairs it: {}", feature, productId, error.toString());
        Metrics.counter(METRIC, "feature", feature).increment();
    }
}
