package io.nightshift.laptop.models;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blend ranks as ItemKNN at one end of its weight, as popularity at the other, and serves the top of its rows. */
class BlendTest {

    private static final int N = 300;
    private static final SyntheticCatalog CATALOG = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(N), 5);
    private static final int[][] TRAIN = CATALOG.data().sequences();

    @Test
    @DisplayName("with no prior the blend ranks every input as ItemKNN does")
    void noPriorIsItemKnn() {
        SparseScorer knn = SparseItemKnn.train(N, TRAIN, 10, 100);
        try (ItemScorer blend = new Blend().train(N, TRAIN, new Blend.Parameters(0f, 10, 100))) {
            List<int[]> inputs = inputs();
            float[] expected = knn.score(inputs);
            float[] actual = blend.score(inputs);
            for (int k = 0; k < inputs.size(); k++) {
                assertThat(ranking(actual, k)).as("input %d", k).isEqualTo(ranking(expected, k));
            }
        }
    }

    @Test
    @DisplayName("with only the prior the blend ranks every input as popularity does")
    void onlyPriorIsPopularity() {
        try (ItemScorer popularity = new Popularity().train(N, TRAIN, new Popularity.Parameters());
             ItemScorer blend = new Blend().train(N, TRAIN, new Blend.Parameters(1f, 10, 100))) {
            List<int[]> inputs = inputs();
            float[] expected = popularity.score(inputs);
            float[] actual = blend.score(inputs);
            for (int k = 0; k < inputs.size(); k++) {
                assertThat(ranking(actual, k)).as("input %d", k).isEqualTo(ranking(expected, k));
            }
        }
    }

    @Test
    @DisplayName("in between, each part counts on its own scale: the kNN part divided by the row's largest score, the prior by the largest count")
    void partsOnOneScale() {
        SparseScorer knn = SparseItemKnn.train(N, TRAIN, 10, 100);
        float[] counts = Popularity.usersPerItem(N, TRAIN);
        float maxCount = 0;
        for (float count : counts) {
            maxCount = Math.max(maxCount, count);
        }
        try (ItemScorer blend = new Blend().train(N, TRAIN, new Blend.Parameters(0.3f, 10, 100))) {
            List<int[]> inputs = inputs();
            float[] raw = knn.score(inputs);
            float[] actual = blend.score(inputs);
            for (int k = 0; k < inputs.size(); k++) {
                float max = 0;
                for (int i = 0; i < N; i++) {
                    max = Math.max(max, raw[k * N + i]);
                }
                for (int i = 0; i < N; i++) {
                    float expected = (max > 0 ? 0.7f * raw[k * N + i] / max : 0f) + 0.3f * counts[i] / maxCount;
                    assertThat(actual[k * N + i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    @ParameterizedTest(name = "w = {0}")
    @ValueSource(floats = {0f, 0.3f, 0.7f, 1f})
    @DisplayName("a product page's list is the top of the product's blended row: positive, available, never the product itself")
    void productListsAreTheTopOfTheRow(float weight) {
        boolean[] allowed = new boolean[N];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < N; i++) {
            allowed[i] = random.nextInt(5) != 0;
        }
        try (ItemScorer scorer = new Blend().train(N, TRAIN, new Blend.Parameters(weight, 10, 100))) {
            BlendScorer blend = (BlendScorer) scorer;
            for (int item = 0; item < N; item += 7) {
                float[] row = blend.score(List.of(new int[]{item}));
                int self = item;
                List<Integer> expected = ranking(row, 0).stream()
                        .filter(i -> i != self && allowed[i] && row[i] > 0).limit(20).toList();
                SparseScorer.Top top = blend.top(item, 20, allowed);
                assertThat(IntStream.of(top.items()).boxed().toList()).as("item %d", item).isEqualTo(expected);
                for (int c = 0; c < top.items().length; c++) {
                    assertThat(top.scores()[c]).isEqualTo(row[top.items()[c]]);
                }
            }
        }
    }

    @Test
    @DisplayName("the memory estimate is ItemKNN's sparse rows and a few arrays of n; the lineage reads back the parameters")
    void estimateAndLineage() {
        Blend family = new Blend();
        Blend.Parameters parameters = new Blend.Parameters(0.7f, 50, 20);
        MemoryEstimate knn = SparseKnnMemory.estimate(N, TRAIN, 20);
        MemoryEstimate blend = family.estimate(N, TRAIN, parameters);
        assertThat(blend.nativeBytes()).isZero();
        assertThat(blend.heapBytes()).isGreaterThan(knn.heapBytes()).isLessThanOrEqualTo(knn.heapBytes() + 64L * N);
        assertThat(family.fromLineage(parameters.asLineage())).isEqualTo(parameters);
        assertThat(family.fromLineage(Map.of())).isEqualTo(family.grid(N, TRAIN).getFirst());
        assertThat(Families.byName(Blend.NAME, Families.Settings.defaults())).containsInstanceOf(Blend.class);
        assertThat(Families.all(Families.Settings.defaults())).extracting(ModelFamily::name).contains(Blend.NAME);
        assertThatThrownBy(() -> family.train(N, TRAIN, new Blend.Parameters(1.5f, 10, 100))).isInstanceOf(IllegalArgumentException.class);
    }

    /** One-item inputs (product pages) and histories ("for you"). */
    private static List<int[]> inputs() {
        List<int[]> inputs = new ArrayList<>();
        for (int item = 0; item < N; item += 11) {
            inputs.add(new int[]{item});
        }
        for (int row = 0; row < TRAIN.length && inputs.size() < 80; row += 13) {
            if (TRAIN[row].length > 1) {
                inputs.add(io.nightshift.laptop.evaluation.Evaluator.distinctMostRecentLast(TRAIN[row]));
            }
        }
        return inputs;
    }

    /** Input {@code k}'s items, best score first, ties to the lower index. */
    private static List<Integer> ranking(float[] scores, int k) {
        return IntStream.range(0, N).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[k * N + i]).thenComparingInt(i -> i)).toList();
    }
}
