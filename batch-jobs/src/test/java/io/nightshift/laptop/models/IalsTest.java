package io.nightshift.laptop.models;

import io.nightshift.laptop.evaluation.LeaveLastOut;
import io.nightshift.laptop.evaluation.ModelSelection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IalsTest {

    private static final Ials.Parameters SMALL = new Ials.Parameters(16, 10f, 30f, 8, 3);

    @Test
    @DisplayName("on shoppers who each browse one cluster, an item's cosine neighbours share its cluster and both tasks beat popularity by far")
    void learnsLatentStructure() {
        int clusters = 12;
        int perCluster = 25;
        int n = clusters * perCluster;
        int[][] histories = BprFactorsTest.clustered(clusters, perCluster, 600, 1);
        try (IalsScorer scorer = new Ials(42, 8).train(n, histories, SMALL)) {
            Embeddings.Top top = scorer.neighbours(IntStream.range(0, n).toArray(), 10, null);
            int same = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 10; c++) {
                    assertThat(top.index(i, c)).isNotEqualTo(i);
                    same += top.index(i, c) / perCluster == i / perCluster ? 1 : 0;
                }
            }
            assertThat(same / (double) (n * 10)).as("share of neighbours in the item's own cluster").isGreaterThan(0.9);
        }
        LeaveLastOut validation = LeaveLastOut.validation(dataset(n, histories));
        ModelSelection.Trial ials = ModelSelection.trial(new Configuration<>(new Ials(42, 8), SMALL), validation);
        ModelSelection.Trial popularity = ModelSelection.trial(new Configuration<>(new Popularity(), new Popularity.Parameters()), validation);
        assertThat(ials.related().ndcg()).isGreaterThan(2 * popularity.related().ndcg());
        assertThat(ials.personal().ndcg()).isGreaterThan(2 * popularity.personal().ndcg());
    }

    @Test
    @DisplayName("the same data and seed give the same scores, for product pages and for folded-in shoppers")
    void deterministic() {
        int[][] histories = BprFactorsTest.clustered(5, 20, 200, 2);
        List<int[]> inputs = List.of(new int[]{3}, new int[]{10, 11, 12}, new int[]{99}, new int[]{40, 2, 41, 42, 43});
        try (IalsScorer first = new Ials(7, 4).train(100, histories, SMALL);
             IalsScorer second = new Ials(7, 4).train(100, histories, SMALL)) {
            assertThat(second.score(inputs)).containsExactly(first.score(inputs));
        }
    }

    @Test
    @DisplayName("a folded-in shopper of one cluster gets that cluster's items first, and a single item scores its own cluster highest")
    void foldInScoresTheShoppersCluster() {
        int perCluster = 20;
        int[][] histories = BprFactorsTest.clustered(5, perCluster, 300, 3);
        try (IalsScorer scorer = new Ials(42, 8).train(100, histories, SMALL)) {
            float[] scores = scorer.score(List.of(new int[]{20, 21, 22}, new int[]{60}));
            for (int row = 0; row < 2; row++) {
                int cluster = row == 0 ? 1 : 3;
                int offset = row * 100;
                float worstInside = Float.POSITIVE_INFINITY;
                float bestOutside = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < 100; i++) {
                    if (i / perCluster == cluster) {
                        worstInside = Math.min(worstInside, scores[offset + i]);
                    } else {
                        bestOutside = Math.max(bestOutside, scores[offset + i]);
                    }
                }
                assertThat(worstInside).as("row %d: the cluster's lowest score against the best elsewhere", row).isGreaterThan(bestOutside);
            }
        }
    }

    @Test
    @DisplayName("the memory estimate grows with (users + items) x factors and the interactions, never with items squared")
    void estimateIsLinear() {
        Ials family = new Ials(42, 2);
        int[][] thousand = MemoryEstimateTest.histories(200_000, 1000, 10);
        int[][] twoThousand = MemoryEstimateTest.histories(200_000, 2000, 10);
        MemoryEstimate base = family.estimate(200_000, thousand, SMALL);
        long factorBytes = (1000L + 200_000) * SMALL.factors() * Float.BYTES;
        assertThat(base.heapBytes()).isGreaterThan(factorBytes).isLessThan(20 * factorBytes);
        assertThat(base.heapBytes() + base.nativeBytes()).as("a hundredth of one n x n matrix").isLessThan(200_000L * 200_000 * Float.BYTES / 100);
        // A thousand more shoppers with ten interactions each: their factors, their rows both ways and a fold-in's rows.
        long more = family.estimate(200_000, twoThousand, SMALL).heapBytes() - base.heapBytes();
        assertThat(more).isGreaterThanOrEqualTo(1000L * SMALL.factors() * Float.BYTES).isLessThan(1000L * (SMALL.factors() + 10 * 8) * Float.BYTES);
        Ials.Parameters wide = new Ials.Parameters(32, 10f, 30f, 8, 3);
        assertThat(family.estimate(200_000, thousand, wide).heapBytes()).isGreaterThan(base.heapBytes() + factorBytes);
    }

    @Test
    @DisplayName("the lineage's parameters read back as the same parameters; missing ones take the first grid point's")
    void lineageRoundTrip() {
        Ials family = new Ials(42, 10);
        for (Ials.Parameters parameters : family.grid(100, new int[0][])) {
            assertThat(family.fromLineage(parameters.asLineage())).isEqualTo(parameters);
        }
        assertThat(family.fromLineage(Map.of("factors", "32")).factors()).isEqualTo(32);
        assertThat(family.fromLineage(Map.of()).lambda()).isEqualTo(family.grid(100, new int[0][]).getFirst().lambda());
    }

    private static Dataset dataset(int n, int[][] histories) {
        List<String> items = IntStream.range(0, n).mapToObj(i -> "p" + i).toList();
        List<String> users = IntStream.range(0, histories.length).mapToObj(u -> "u" + u).toList();
        return new Dataset(items, users, histories);
    }
}
