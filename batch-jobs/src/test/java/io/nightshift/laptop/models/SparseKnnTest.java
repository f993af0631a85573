package io.nightshift.laptop.models;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The sparse item-item models are the dense ones computed another way: same scores, same neighbour lists. */
class SparseKnnTest {

    // Shrink stays positive: with 0, the dense models divide 0 by 0 for products nobody had (NaN rows).
    private static final int N = 600;
    private static final SyntheticCatalog CATALOG = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(N), 11);
    private static final int[][] TRAIN = CATALOG.data().sequences();

    @ParameterizedTest(name = "shrink {0}, neighbours {1}")
    @CsvSource({"10, 100", "50, 20", "1, 5", "10, 1000"})
    @DisplayName("sparse ItemKNN scores every input as the dense matrix does")
    void itemKnn(float shrink, int neighbours) {
        ItemKnn.Parameters parameters = new ItemKnn.Parameters(shrink, neighbours);
        try (DenseScorer dense = ItemKnn.dense(N, TRAIN, parameters)) {
            SparseScorer sparse = ItemKnn.sparse(N, TRAIN, parameters);
            assertSameScores(dense, sparse, inputs());
            assertSameLists(dense, sparse, 10);
        }
    }

    @ParameterizedTest(name = "backward {0}, shrink {1}, recency {2}")
    @CsvSource({"0.5, 10, 0.7", "1.0, 10, 1.0", "0.25, 1, 0.5", "0.0, 10, 1.0"})
    @DisplayName("sparse sequence-aware KNN without pruning scores every input as the dense matrix does")
    void sequentialKnn(float backward, float shrink, float recency) {
        SequentialKnn.Parameters parameters = new SequentialKnn.Parameters(backward, shrink, recency);
        try (DenseScorer dense = SequentialKnn.dense(N, TRAIN, parameters)) {
            SparseScorer sparse = SequentialKnn.sparse(N, TRAIN, parameters, N);
            assertSameScores(dense, sparse, inputs());
            assertSameLists(dense, sparse, 10);
        }
    }

    @ParameterizedTest(name = "neighbours {0}")
    @CsvSource({"10", "50"})
    @DisplayName("pruned sparse sequence-aware KNN keeps each product's top of the dense row: the same product lists")
    void prunedSequentialKnn(int neighbours) {
        SequentialKnn.Parameters parameters = new SequentialKnn.Parameters(0.5f, 10, 0.7f);
        try (DenseScorer dense = SequentialKnn.dense(N, TRAIN, parameters)) {
            SparseScorer sparse = SequentialKnn.sparse(N, TRAIN, parameters, neighbours);
            assertThat(sparse.entries()).isLessThanOrEqualTo((long) N * neighbours + N); // ties at the threshold may add a few
            assertSameLists(dense, sparse, 10);
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("shop data gets sparse rows, long rating histories the dense matrix, and above the dense limit always sparse rows")
    void implementationByDensity() {
        int[][] ratings = new int[50][];
        for (int u = 0; u < ratings.length; u++) {
            ratings[u] = new SplittableRandom(u).ints(0, 100).distinct().limit(40).toArray();
        }
        int[][] shopData = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(5_000), 1).data().sequences();
        try (ItemScorer shop = new ItemKnn(20_000).train(5_000, shopData, new ItemKnn.Parameters(10, 100));
             ItemScorer rated = new SequentialKnn(20_000).train(100, ratings, new SequentialKnn.Parameters(0.5f, 10, 1));
             ItemScorer aboveLimit = new SequentialKnn(99).train(100, ratings, new SequentialKnn.Parameters(0.5f, 10, 1))) {
            assertThat(shop).isInstanceOf(SparseScorer.class);
            assertThat(rated).isInstanceOf(DenseScorer.class);
            assertThat(aboveLimit).isInstanceOf(SparseScorer.class);
        }
    }

    /** Single products (product pages) and histories of several lengths ("for you"). */
    private static List<int[]> inputs() {
        List<int[]> inputs = new ArrayList<>();
        for (int i = 0; i < N; i += 7) {
            inputs.add(new int[]{i});
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 40; k++) {
            inputs.add(random.ints(1 + random.nextInt(12), 0, N).distinct().toArray());
        }
        return inputs;
    }

    private static void assertSameScores(ItemScorer dense, ItemScorer sparse, List<int[]> inputs) {
        float[] expected = dense.score(inputs);
        float[] actual = sparse.score(inputs);
        assertThat(actual).hasSameSizeAs(expected);
        for (int e = 0; e < expected.length; e++) {
            float tolerance = 1e-5f * Math.max(1f, Math.abs(expected[e]));
            if (Math.abs(actual[e] - expected[e]) > tolerance) {
                throw new AssertionError("input " + e / N + " item " + e % N + ": dense " + expected[e] + ", sparse " + actual[e]);
            }
        }
    }

    /** Every product's top-k list, as the dense top-K of its row gives it (scores compared, so ties may reorder). */
    private static void assertSameLists(DenseScorer dense, SparseScorer sparse, int k) {
        boolean[] all = new boolean[N];
        Arrays.fill(all, true);
        float[] penalty = new float[N];
        Object[] top = dense.topK(0, N, k, penalty);
        long[] indices = (long[]) top[0];
        float[] values = (float[]) top[1];
        for (int item = 0; item < N; item++) {
            SparseScorer.Top mine = sparse.top(item, k, all);
            List<Float> expected = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                if (values[item * k + c] > 0) {
                    expected.add(values[item * k + c]);
                }
            }
            assertThat(mine.items()).as("item %d's list length", item).hasSize(expected.size());
            for (int c = 0; c < expected.size(); c++) {
                assertThat(mine.scores()[c]).as("item %d's neighbour %d", item, c)
                        .isCloseTo(expected.get(c), org.assertj.core.data.Percentage.withPercentage(1e-3));
                if (c + 1 < expected.size() && !expected.get(c).equals(expected.get(c + 1))
                        && (c == 0 || !expected.get(c).equals(expected.get(c - 1)))) {
                    assertThat(mine.items()[c]).as("item %d's neighbour %d", item, c).isEqualTo((int) indices[item * k + c]);
                }
            }
        }
    }
}
