package io.nightshift.cli.bench;

import io.nightshift.cli.bench.ServerLatency.Series;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServerLatencyTest {

    private final ServerLatency server = PrometheusPages.between();

    @Test
    void eachTierThatAnsweredBetweenTheScrapesHasItsOwnDelta() {
        assertThat(server.byTier()).containsOnlyKeys(new Series("product", "batch"), new Series("product", "popular"),
                new Series("product", "last-known-good"));
        Histogram batch = server.byTier().get(new Series("product", "batch"));
        assertThat(batch.count()).isEqualTo(100);
        assertThat(batch.mean()).isCloseTo(0.002, within(1e-12));
        assertThat(batch.quantile(0.50)).isCloseTo(0.001, within(1e-12));
        assertThat(batch.quantile(0.95)).isCloseTo(0.002 + 0.003 * 5 / 9, within(1e-12));
        assertThat(batch.quantileUpperBound(0.99)).isEqualTo(0.005);
        assertThat(batch.quantileUpperBound(0.999)).isInfinite();
    }

    @Test
    void cachedTiersAddUpEverythingButLastKnownGood() {
        Histogram cached = server.cached();

        assertThat(cached.count()).isEqualTo(110);
        // rank 55 falls among the 40 answers in (1, 2] ms, 5 of them in.
        assertThat(cached.quantile(0.50)).isCloseTo(0.001 + 0.001 * 5 / 40, within(1e-12));
        // rank 108.9 falls among the 19 answers in (2, 5] ms, 18.9 of them in.
        assertThat(cached.quantile(0.99)).isCloseTo(0.002 + 0.003 * 18.9 / 19, within(1e-12));
        assertThat(cached.quantileUpperBound(0.99)).isEqualTo(0.005);
    }

    @Test
    void theWholeRequestTimerCountsOnlyRecommendationEndpointsAndHasOnlyAMean() {
        Histogram whole = server.wholeRequest();

        assertThat(whole.count()).isEqualTo(111);
        assertThat(whole.mean()).isCloseTo(0.334 / 111, within(1e-12));
        assertThat(whole.quantile(0.99)).isNaN();
    }
}
