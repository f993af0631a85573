package io.nightshift.laptop.models;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SyntheticCatalogTest {

    private static final SyntheticCatalog.Shape SHAPE = SyntheticCatalog.Shape.of(2_000);

    @Test
    @DisplayName("the same seed gives the same catalog, another seed another one")
    void deterministic() {
        SyntheticCatalog one = SyntheticCatalog.generate(SHAPE, 7);
        SyntheticCatalog again = SyntheticCatalog.generate(SHAPE, 7);
        SyntheticCatalog other = SyntheticCatalog.generate(SHAPE, 8);
        assertThat(again.data().sequences()).isDeepEqualTo(one.data().sequences());
        assertThat(again.times()).isDeepEqualTo(one.times());
        assertThat(again.categoryOf()).isEqualTo(one.categoryOf());
        assertThat(Arrays.deepEquals(other.data().sequences(), one.data().sequences())).isFalse();
    }

    @Test
    @DisplayName("interactions in proportion to the catalog, a power-law popularity and no immediate repeat")
    void sizeAndSkew() {
        SyntheticCatalog catalog = SyntheticCatalog.generate(SHAPE, 7);
        Dataset data = catalog.data();
        assertThat(data.itemCount()).isEqualTo(2_000);
        assertThat((double) data.interactionCount()).isCloseTo(16 * 2_000, within(16 * 2_000 * 0.01));
        assertThat(catalog.categoryCount()).isEqualTo(20);
        int[] counts = new int[data.itemCount()];
        for (int[] sequence : data.sequences()) {
            for (int k = 0; k < sequence.length; k++) {
                counts[sequence[k]]++;
                if (k > 0) {
                    assertThat(sequence[k]).isNotEqualTo(sequence[k - 1]);
                }
            }
        }
        int[] sorted = Arrays.stream(counts).sorted().toArray();
        long head = Arrays.stream(sorted, sorted.length - 20, sorted.length).sum();
        assertThat((double) head / data.interactionCount()).as("share of the top 1 % of products").isGreaterThan(0.1);
        assertThat(sorted[sorted.length - 1]).as("the most popular against the median").isGreaterThan(20 * Math.max(1, sorted[1_000]));
        assertThat(counts[0]).as("rank 0 is the most popular").isGreaterThan(counts[100]);
    }

    @Test
    @DisplayName("shoppers come in sessions, minutes apart inside and hours apart between, that mostly stay in a category")
    void sessions() {
        SyntheticCatalog catalog = SyntheticCatalog.generate(SHAPE, 7);
        int[][] sequences = catalog.data().sequences();
        long steps = 0;
        long sameCategory = 0;
        long sessions = 0;
        for (int u = 0; u < sequences.length; u++) {
            long[] times = catalog.times()[u];
            assertThat(times).hasSameSizeAs(sequences[u]).isSorted();
            sessions++;
            for (int k = 1; k < times.length; k++) {
                long gap = times[k] - times[k - 1];
                if (gap >= SyntheticCatalog.MIN_SESSION_GAP) {
                    sessions++;
                    continue;
                }
                assertThat(gap).isBetween(1L, SyntheticCatalog.MAX_STEP);
                steps++;
                if (catalog.categoryOf()[sequences[u][k]] == catalog.categoryOf()[sequences[u][k - 1]]) {
                    sameCategory++;
                }
            }
        }
        assertThat((double) sameCategory / steps).as("steps inside a session that stay in the category").isGreaterThan(0.75);
        assertThat((double) sessions / sequences.length).as("sessions per shopper").isBetween(1.5, 2.5);
        assertThat((double) catalog.data().interactionCount() / sessions).as("interactions per session").isBetween(2.5, 5.0);
    }
}
