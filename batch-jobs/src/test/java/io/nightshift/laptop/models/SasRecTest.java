package io.nightshift.laptop.models;

import io.nightshift.laptop.evaluation.ModelSelection;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SasRecTest {

    private static final int ITEMS = 200;
    private static final int[] STRIDES = {1, 7, 31, 61, 97};
    private static final SasRec.Parameters SMALL = new SasRec.Parameters(32, 10, 1, 10, 0.01f, 0.1f);

    /**
     * Shoppers who walk the catalog by strides (1, 7, 31, 61 or 97 products on, modulo the catalog),
     * keeping their stride three steps in four and taking another at random otherwise, with one step
     * in twenty to a random product. After one product the next is one of five; after two it is
     * mostly determined. Order is the signal: a symmetric item-item model sees a product's next and
     * previous products alike, and the stride changes too often for a history's co-occurrences to
     * tell it; popularity sees nothing.
     */
    static Dataset strides(int users, long seed) {
        Random random = new Random(seed);
        Dataset.Builder builder = new Dataset.Builder();
        for (int u = 0; u < users; u++) {
            int stride = STRIDES[random.nextInt(STRIDES.length)];
            int item = random.nextInt(ITEMS);
            int length = 5 + random.nextInt(8);
            for (int t = 0; t < length; t++) {
                builder.add("u" + u, "p" + item);
                if (random.nextDouble() < 0.25) {
                    stride = STRIDES[random.nextInt(STRIDES.length)];
                }
                item = random.nextDouble() < 0.05 ? random.nextInt(ITEMS) : (item + stride) % ITEMS;
            }
        }
        return builder.build();
    }

    private static SasRec family(SasRec.Parameters parameters) {
        return new SasRec(42, parameters, Duration.ofMinutes(10), line -> { });
    }

    @Test
    @DisplayName("on data where order decides the next item, sasrec beats popularity and ItemKNN on validation in both tasks and selection picks it")
    void selectedWhereOrderMatters() {
        Dataset data = strides(600, 1);
        List<ModelFamily<?>> families = List.of(new Popularity(), new ItemKnn(20_000), family(SMALL));

        ModelSelection.Outcome outcome = ModelSelection.select(data, families, Duration.ofMinutes(30), line -> { });

        Map<String, ModelSelection.Trial> first = new java.util.HashMap<>();
        outcome.trials().forEach(trial -> first.putIfAbsent(trial.family(), trial));
        ModelSelection.Trial sasrec = first.get(SasRec.NAME);
        for (String other : List.of(Popularity.NAME, ItemKnn.NAME)) {
            assertThat(sasrec.related().ndcg()).as("related NDCG@10 vs " + other).isGreaterThan(first.get(other).related().ndcg());
            assertThat(sasrec.personal().ndcg()).as("personal NDCG@10 vs " + other).isGreaterThan(first.get(other).personal().ndcg());
        }
        assertThat(sasrec.personal().hitRate()).as("two items mostly determine the third").isGreaterThan(0.4);
        assertThat(outcome.best().family()).isEqualTo(SasRec.NAME);
        assertThat(outcome.bestRelated().family()).isEqualTo(SasRec.NAME);
        assertThat(outcome.bestPersonal().family()).isEqualTo(SasRec.NAME);
    }

    @Test
    @DisplayName("the same data and seed give the same scores")
    void deterministic() {
        Dataset data = strides(300, 2);
        SasRec.Parameters parameters = new SasRec.Parameters(16, 8, 1, 2, 0.005f, 0.2f);
        List<int[]> inputs = List.of(new int[]{3}, new int[]{5, 12, 19}, IntStream.range(0, 20).toArray());
        try (ItemScorer first = family(parameters).train(data.itemCount(), data.sequences(), parameters);
             ItemScorer second = family(parameters).train(data.itemCount(), data.sequences(), parameters)) {
            assertThat(second.score(inputs)).containsExactly(first.score(inputs));
        }
    }

    @Test
    @DisplayName("a product page's list is the most likely next products after it, itself and unavailable products left out")
    void productLists() {
        Dataset data = strides(600, 1);
        boolean[] allowed = new boolean[data.itemCount()];
        java.util.Arrays.fill(allowed, true);
        allowed[data.items().indexOf("p57")] = false;
        try (ItemScorer scorer = family(SMALL).train(data.itemCount(), data.sequences(), SMALL)) {
            NeighbourRows rows = (NeighbourRows) scorer;
            SparseScorer.Top top = rows.top(data.items().indexOf("p50"), 10, allowed);
            List<String> products = IntStream.of(top.items()).mapToObj(i -> data.items().get(i)).toList();
            assertThat(products).hasSize(10).doesNotContain("p50", "p57");
            List<String> strideOn = List.of("p51", "p81", "p111", "p147");
            assertThat(products).as("p50 and a stride on").containsAll(strideOn);
            assertThat(strideOn).as("the top two are p50 and a stride on").containsAll(products.subList(0, 2));
            for (int c = 0; c < top.scores().length; c++) {
                assertThat(top.scores()[c]).as("a probability").isStrictlyBetween(0f, 1f);
                assertThat(top.scores()[c]).isLessThanOrEqualTo(top.scores()[Math.max(0, c - 1)]);
            }
        }
    }

    @Test
    @DisplayName("the memory estimate grows with the catalog, the history length and the width, and covers what one epoch allocates on the heap")
    void memoryEstimate() {
        int[][] train = MemoryEstimateTest.histories(2000, 300, 10);
        SasRec family = family(SasRec.Parameters.DEFAULTS);
        SasRec.Parameters base = new SasRec.Parameters(32, 20, 1, 1, 0.001f, 0.2f);
        MemoryEstimate estimate = family.estimate(2000, train, base);
        MemoryEstimate moreItems = family.estimate(20_000, train, base);
        MemoryEstimate longer = family.estimate(2000, train, new SasRec.Parameters(32, 80, 1, 1, 0.001f, 0.2f));
        MemoryEstimate wider = family.estimate(2000, train, new SasRec.Parameters(128, 20, 1, 1, 0.001f, 0.2f));
        assertThat(moreItems.nativeBytes()).isGreaterThan(estimate.nativeBytes());
        assertThat(moreItems.heapBytes()).isGreaterThan(estimate.heapBytes());
        // Attention is quadratic in the length: four times longer costs more than four times the attention part.
        assertThat(longer.nativeBytes()).isGreaterThan(estimate.nativeBytes());
        assertThat(wider.nativeBytes()).isGreaterThan(estimate.nativeBytes());

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        SasRec.Parameters oneEpoch = new SasRec.Parameters(32, 20, 1, 1, 0.001f, 0.2f);
        try (ItemScorer scorer = family(oneEpoch).train(2000, train, oneEpoch)) {
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(estimate.heapBytes()).as("heap estimate vs one epoch's allocations %d", allocated).isGreaterThanOrEqualTo(allocated);
            List<int[]> inputs = new ArrayList<>();
            for (int k = 0; k < scorer.blockSize(); k++) {
                inputs.add(new int[]{k % 2000});
            }
            long start = threads.getCurrentThreadAllocatedBytes();
            scorer.score(inputs);
            long scoring = threads.getCurrentThreadAllocatedBytes() - start;
            assertThat(estimate.heapBytes()).as("heap estimate vs one scoring block %d", scoring).isGreaterThanOrEqualTo(scoring);
        }
    }

    @Test
    @DisplayName("the lineage gives back the parameters, and is known to Families but off unless enabled")
    void lineageAndFamilies() {
        SasRec family = family(SasRec.Parameters.DEFAULTS);
        SasRec.Parameters parameters = new SasRec.Parameters(48, 30, 1, 7, 0.002f, 0.25f);
        assertThat(family.fromLineage(parameters.asLineage())).isEqualTo(parameters);
        assertThat(family.fromLineage(Map.of())).isEqualTo(SasRec.Parameters.DEFAULTS);

        Families.Settings defaults = Families.Settings.defaults();
        assertThat(Families.all(defaults)).extracting(ModelFamily::name).doesNotContain(SasRec.NAME);
        assertThat(Families.byName(SasRec.NAME, defaults)).containsInstanceOf(SasRec.class);
        Families.Settings enabled = new Families.Settings(Set.of(SasRec.NAME, Popularity.NAME), defaults.maxDenseItems(),
                defaults.easeLambdas(), defaults.seed(), defaults.epochs());
        assertThat(Families.all(enabled)).extracting(ModelFamily::name).containsExactlyInAnyOrder(SasRec.NAME, Popularity.NAME);
    }
}
