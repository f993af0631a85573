package io.nightshift.cli.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * Latencies of one measured run, and how many operations it did in how long.
 *
 * @param nanos    one latency per operation, any order
 * @param wall     the run's wall time
 * @param failures operations that did not succeed (excluded from the latencies)
 */
public record LatencySample(long[] nanos, Duration wall, long failures) {

    public LatencySample {
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    /** The q-quantile (0 < q ≤ 1) by the nearest-rank method, in microseconds. */
    public double percentileMicros(double q) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1_000.0;
    }

    public double perSecond() {
        return wall.isZero() ? 0 : nanos.length * 1e9 / wall.toNanos();
    }

    public int count() {
        return nanos.length;
    }
}
