package io.nightshift.cli.referee;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The metrics with ties at their expectation, against values worked out by hand. */
class RankMetricsTest {

    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void withoutTiesTheRankDecides() {
        assertThat(RankMetrics.hitRate(0, 0, 10)).isEqualTo(1);
        assertThat(RankMetrics.ndcg(0, 0, 10)).isEqualTo(1);
        assertThat(RankMetrics.ndcg(1, 0, 10)).isCloseTo(1 / LOG2_3, within(1e-12));
        assertThat(RankMetrics.ndcg(2, 0, 10)).isCloseTo(0.5, within(1e-12));
        assertThat(RankMetrics.hitRate(9, 0, 10)).isEqualTo(1);
        assertThat(RankMetrics.ndcg(9, 0, 10)).isCloseTo(1 / (Math.log(11) / Math.log(2)), within(1e-12));
        assertThat(RankMetrics.hitRate(10, 0, 10)).isZero();
        assertThat(RankMetrics.ndcg(10, 0, 10)).isZero();
    }

    @Test
    void aTieInsideTheListAveragesTheGainsOfTheTiedPositions() {
        // One item above, two tied with the relevant one: positions 1, 2 or 3 (0-based), each with probability 1/3.
        assertThat(RankMetrics.hitRate(1, 2, 10)).isEqualTo(1);
        assertThat(RankMetrics.ndcg(1, 2, 10)).isCloseTo((1 / LOG2_3 + 0.5 + 1 / Math.log(5) * Math.log(2)) / 3, within(1e-12));
    }

    @Test
    void aTieAcrossTheCutCountsOnlyThePositionsInsideIt() {
        // 8 above, 3 tied: positions 8, 9, 10, 11; two of the four are inside the top 10.
        assertThat(RankMetrics.hitRate(8, 3, 10)).isEqualTo(0.5);
        double expected = (1 / (Math.log(10) / Math.log(2)) + 1 / (Math.log(11) / Math.log(2))) / 4;
        assertThat(RankMetrics.ndcg(8, 3, 10)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aScoreSharedWithTheWholeCatalogIsWorthAlmostNothing() {
        // 0 above, 999 tied: 10 of the 1000 positions are hits.
        assertThat(RankMetrics.hitRate(0, 999, 10)).isCloseTo(0.01, within(1e-12));
        assertThat(RankMetrics.ndcg(0, 999, 10)).isCloseTo(
                java.util.stream.IntStream.range(0, 10).mapToDouble(p -> 1 / (Math.log(p + 2) / Math.log(2))).sum() / 1000, within(1e-12));
    }

    @Test
    void aTieEntirelyBelowTheCutIsAMiss() {
        assertThat(RankMetrics.hitRate(10, 5, 10)).isZero();
        assertThat(RankMetrics.ndcg(12, 5, 10)).isZero();
    }

    @Test
    void aServedListIsMeasuredAtItsPosition() {
        assertThat(RankMetrics.hitRateAt(3, 10)).isEqualTo(1);
        assertThat(RankMetrics.ndcgAt(2, 10)).isCloseTo(0.5, within(1e-12));
        assertThat(RankMetrics.hitRateAt(-1, 10)).isZero();
        assertThat(RankMetrics.ndcgAt(10, 10)).isZero();
    }
}
