package io.nightshift.laptop.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scoring measurement runs on a tiny catalog and reports what the CLI parses; its speed is never judged here. */
class ScoringBenchTest {

    @Test
    void measuresBothPathsOnATinyCatalogAndPrintsTheLineTheCliReads() {
        ScoringBench.Result result = ScoringBench.measure(600, 300);

        assertThat(result.products()).isEqualTo(600);
        assertThat(result.queryRows()).isEqualTo(300);
        assertThat(result.scoringPerSecond()).isFinite().isPositive();
        assertThat(result.plainPerSecond()).isFinite().isPositive();
        assertThat(result.tableBytes()).isEqualTo(600L * ScoringBench.DIMENSIONS * Float.BYTES);
        assertThat(result.heapUsed()).isPositive();
        assertThat(result.residentBefore()).isNotZero();
        assertThat(result.line()).startsWith(ScoringBench.PREFIX + " products=600 rows=300 scoring=");
    }

    @Test
    void aSliceLargerThanTheCatalogIsTheWholeCatalog() {
        assertThat(ScoringBench.measure(200, 10_000).queryRows()).isEqualTo(200);
    }
}
