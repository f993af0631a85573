package io.nightshift.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HistogramTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    // Between the two scrapes: 50 answers ≤ 1 ms, 40 in (1, 2] ms, 9 in (2, 5] ms, 1 above 5 ms.
    private final Histogram before = histogram(10, 0.02, Map.of(0.001, 10.0, 0.002, 10.0, 0.005, 10.0, INF, 10.0));
    private final Histogram after = histogram(110, 0.25, Map.of(0.001, 60.0, 0.002, 100.0, 0.005, 109.0, INF, 110.0));

    @Test
    void quantilesOfTheDeltaAreInterpolatedInsideTheirBucket() {
        Histogram delta = after.minus(before);

        assertThat(delta.count()).isEqualTo(100);
        assertThat(delta.mean()).isCloseTo(0.0023, within(1e-12));
        assertThat(delta.quantile(0.50)).isCloseTo(0.001, within(1e-12));
        assertThat(delta.quantile(0.60)).isCloseTo(0.00125, within(1e-12));
        assertThat(delta.quantile(0.95)).isCloseTo(0.002 + 0.003 * 5 / 9, within(1e-12));
        assertThat(delta.quantile(0.99)).isCloseTo(0.005, within(1e-12));
        // In the +Inf bucket Prometheus answers the largest finite bound.
        assertThat(delta.quantile(0.995)).isCloseTo(0.005, within(1e-12));
    }

    @Test
    void theUpperBoundIsTheBucketTheQuantileFallsIn() {
        Histogram delta = after.minus(before);

        assertThat(delta.quantileUpperBound(0.50)).isEqualTo(0.001);
        assertThat(delta.quantileUpperBound(0.60)).isEqualTo(0.002);
        assertThat(delta.quantileUpperBound(0.95)).isEqualTo(0.005);
        assertThat(delta.quantileUpperBound(0.995)).isInfinite();
    }

    @Test
    void withoutBucketsOnlyTheMeanIsKnown() {
        Histogram timer = histogram(4, 0.01, Map.of());

        assertThat(timer.mean()).isCloseTo(0.0025, within(1e-12));
        assertThat(timer.quantile(0.99)).isNaN();
        assertThat(Histogram.EMPTY.mean()).isNaN();
    }

    @Test
    void aServerRestartBetweenTheScrapesIsNotADelta() {
        assertThatThrownBy(() -> before.minus(after)).hasMessageContaining("restarted");
    }

    @Test
    void seriesWithDifferentBucketsAreNotAdded() {
        Histogram other = histogram(1, 0.001, Map.of(0.001, 1.0, INF, 1.0));

        assertThatThrownBy(() -> after.plus(other)).isInstanceOf(IllegalStateException.class);
        assertThat(after.plus(before).count()).isEqualTo(120);
        assertThat(after.plus(before).buckets()).containsEntry(0.002, 110.0);
    }

    private static Histogram histogram(double count, double sum, Map<Double, Double> buckets) {
        return new Histogram(new TreeMap<>(buckets), count, sum);
    }
}
