package io.nightshift.onlineapi.serving;

import io.nightshift.schemas.Tier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last hours of answers in this instance's memory, for the owner console's charts: per time
 * bucket (a minute), the answers per tier and a latency histogram for the p95. A ring of fixed size
 * (six hours by default), so memory stays bounded; it starts empty at every start and each instance
 * keeps its own (Prometheus holds the long and the fleet-wide view).
 *
 * <p>On the hot path an answer costs a clock read, a binary search over the histogram bounds and two
 * atomic increments, without a lock or an allocation. The lock is taken only when a bucket's slot is
 * reused for a new minute, once per minute. A thread that stalled across that very moment may count one
 * answer into the new minute: close enough for a chart.
 */
@Component
class ServingHistory {

    /** Histogram upper bounds: 100 µs times powers of √2, up to about 13 s; slower answers share one overflow cell. */
    static final long[] BOUNDS_NANOS = bounds();
    private static final Tier[] TIERS = Tier.values();
    private static final int HISTOGRAM = BOUNDS_NANOS.length + 1;
    private static final int STRIDE = TIERS.length + HISTOGRAM;
    private static final long UNUSED = Long.MIN_VALUE;

    /** One bucket: when it starts, the answers per tier (wire names, fallback order) and their p95 in milliseconds. */
    record Bucket(Instant start, long answers, Map<String, Long> tiers, double p95Millis) {
    }

    /** What the console charts: the buckets that had answers, oldest first, within the window. */
    record History(long bucketSeconds, Instant windowStart, Instant since, List<Bucket> buckets) {
    }

    private final Clock clock;
    private final long bucketMillis;
    private final int slots;
    private final Instant since;
    /** Per slot, the bucket number it holds (epoch millis / bucket length), or UNUSED. */
    private final AtomicLongArray slotBucket;
    /** Per slot, STRIDE cells: the tier counts, then the histogram. */
    private final AtomicLongArray cells;

    @Autowired
    ServingHistory() {
        this(Clock.systemUTC(), Duration.ofMinutes(1), 360);
    }

    ServingHistory(Clock clock, Duration bucket, int buckets) {
        if (bucket.toMillis() < 1 || buckets < 1) {
            throw new IllegalArgumentException("a serving history needs a bucket of at least 1 ms and at least one bucket");
        }
        this.clock = clock;
        this.bucketMillis = bucket.toMillis();
        this.slots = buckets;
        this.since = clock.instant();
        this.slotBucket = new AtomicLongArray(buckets);
        for (int i = 0; i < buckets; i++) {
            slotBucket.set(i, UNUSED);
        }
        this.cells = new AtomicLongArray(buckets * STRIDE);
    }

    /** Counts one answer. */
    void record(Tier tier, long nanos) {
        long bucket = Math.floorDiv(clock.millis(), bucketMillis);
        int slot = (int) Math.floorMod(bucket, (long) slots);
        if (slotBucket.get(slot) != bucket) {
            claim(slot, bucket);
        }
        int base = slot * STRIDE;
        cells.getAndIncrement(base + tier.ordinal());
        cells.getAndIncrement(base + TIERS.length + histogramIndex(nanos));
    }

    /** Empties a slot for a new bucket; a slot already holding a newer bucket (our clock read was late) is left alone. */
    private synchronized void claim(int slot, long bucket) {
        if (slotBucket.get(slot) >= bucket) {
            return;
        }
        int base = slot * STRIDE;
        for (int i = 0; i < STRIDE; i++) {
            cells.set(base + i, 0);
        }
        slotBucket.set(slot, bucket);
    }

    /** The window's buckets that had answers, oldest first. */
    History history() {
        long current = Math.floorDiv(clock.millis(), bucketMillis);
        long first = current - slots + 1;
        List<Bucket> buckets = new ArrayList<>();
        long[] counts = new long[STRIDE];
        for (long bucket = first; bucket <= current; bucket++) {
            int slot = (int) Math.floorMod(bucket, (long) slots);
            if (slotBucket.get(slot) != bucket) {
                continue;
            }
            int base = slot * STRIDE;
            for (int i = 0; i < STRIDE; i++) {
                counts[i] = cells.get(base + i);
            }
            if (slotBucket.get(slot) != bucket) {
                continue; // reused while we read it
            }
            Map<String, Long> tiers = new LinkedHashMap<>();
            long answers = 0;
            for (Tier tier : TIERS) {
                tiers.put(tier.wire(), counts[tier.ordinal()]);
                answers += counts[tier.ordinal()];
            }
            if (answers > 0) {
                buckets.add(new Bucket(Instant.ofEpochMilli(bucket * bucketMillis), answers, tiers, p95Millis(counts)));
            }
        }
        return new History(bucketMillis / 1000, Instant.ofEpochMilli(first * bucketMillis), since, buckets);
    }

    /**
     * The 95th percentile from a bucket's histogram, interpolated linearly inside the histogram cell it
     * falls in (as Prometheus' histogram_quantile does); in the overflow cell, its lower bound.
     */
    static double p95Millis(long[] counts) {
        long total = 0;
        for (int i = 0; i < HISTOGRAM; i++) {
            total += counts[TIERS.length + i];
        }
        if (total == 0) {
            return 0;
        }
        double rank = Math.ceil(0.95 * total);
        long below = 0;
        for (int i = 0; i < HISTOGRAM; i++) {
            long inCell = counts[TIERS.length + i];
            if (below + inCell >= rank) {
                if (i == BOUNDS_NANOS.length) {
                    return BOUNDS_NANOS[i - 1] / 1e6;
                }
                double lower = i == 0 ? 0 : BOUNDS_NANOS[i - 1];
                double upper = BOUNDS_NANOS[i];
                return (lower + (upper - lower) * (rank - below) / inCell) / 1e6;
            }
            below += inCell;
        }
        return BOUNDS_NANOS[BOUNDS_NANOS.length - 1] / 1e6;
    }

    static int histogramIndex(long nanos) {
        int low = 0;
        int high = BOUNDS_NANOS.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (nanos <= BOUNDS_NANOS[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static long[] bounds() {
        long[] bounds = new long[35];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = Math.round(100_000 * Math.pow(2, i / 2.0));
        }
        return bounds;
    }
}
