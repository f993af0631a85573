package io.nightshift.cli.referee;

import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * iALS on seeded data with a known low-rank structure: {@value #GROUPS} groups of shoppers, each
 * buying mostly from its own group of products; group 0's products are the most popular overall,
 * so popularity gets something right, but only a model of the groups gets the rest.
 */
class IalsTest {

    private static final int GROUPS = 4;
    private static final int USERS = 240;
    private static final int ITEMS_PER_GROUP = 15;
    private static final Ials.Params SMALL = new Ials.Params(8, 0.001, 10, 8);
    private static final IalsTuning.Grid GRID = new IalsTuning.Grid(4, 8, List.of(0.001, 0.03), 0.001, List.of(1.0, 10.0), 10.0, 6);

    @Test
    void learnsTheGroupsAndBeatsPopularityOnBothTasks() {
        Split split = Split.of(groups(7, false));
        Ials ials = Ials.fit(split, SMALL, Ials.Related.COSINE);
        Popularity popularity = Popularity.fit(split);
        for (Task task : Task.values()) {
            double model = Evaluation.evaluate(split, ials, task).ndcg();
            double reference = Evaluation.evaluate(split, popularity, task).ndcg();
            assertThat(model).as("%s: iALS %.4f, popularity %.4f", task, model, reference).isGreaterThan(reference + 0.1);
        }
        assertThat(Evaluation.evaluate(split, ials.withRelated(Ials.Related.FOLD_IN), Task.RELATED).ndcg())
                .isGreaterThan(Evaluation.evaluate(split, popularity, Task.RELATED).ndcg() + 0.1);
    }

    @Test
    void theSameDataGivesTheSameScoresWhateverTheThreads() throws Exception {
        Split split = Split.of(groups(11, false));
        Ials parallel = Ials.fit(split, SMALL, Ials.Related.FOLD_IN);
        Ials alone;
        try (ForkJoinPool one = new ForkJoinPool(1)) {
            alone = one.submit(() -> Ials.fit(split, SMALL, Ials.Related.FOLD_IN)).get();
        }
        double[] a = new double[split.itemCount()];
        double[] b = new double[split.itemCount()];
        for (int user : split.testUsers()) {
            parallel.personal(split.history(user), a);
            alone.personal(split.history(user), b);
            assertThat(a).containsExactly(b);
            parallel.related(split.queryItem(user), a);
            alone.related(split.queryItem(user), b);
            assertThat(a).containsExactly(b);
        }
    }

    @Test
    void aRowSolveSatisfiesTheNormalEquations() {
        // Row: columns 0 (twice) and 2 of 3; other factors y0..y2 in 2 dimensions.
        int k = 2;
        float[] other = {1, 0, 0.5f, 0.5f, 0, 2};
        Interactions row = Interactions.ofHistory(new int[]{2, 0, 0});
        float[] gram = Ials.gram(other, k);
        float reg = 0.1f;
        double alpha = 3;
        float[] x = new float[k];
        new RowSolver(k).solve(row, 0, x, 0, other, gram, reg, alpha, 10);
        // (YᵀY + Σ (c−1) y yᵀ + reg I) x = Σ c y with c0 = 1 + 3·2 = 7, c2 = 1 + 3 = 4.
        double[][] a = {{gram[0] + reg + 6 * 1 * 1, gram[1]}, {gram[2], gram[3] + reg + 3 * 2 * 2}};
        double[] b = {7 * 1, 4 * 2};
        assertThat(a[0][0] * x[0] + a[0][1] * x[1]).isCloseTo(b[0], within(1e-4));
        assertThat(a[1][0] * x[0] + a[1][1] * x[1]).isCloseTo(b[1], within(1e-4));
    }

    @Test
    void tuningNeverSeesTheTestItems() {
        // The same shoppers, once with their real last items and once with each replaced by another group's product:
        // every validation number and every choice must be the same, and only the final test numbers differ.
        Split real = Split.of(groups(5, false));
        Split scrambled = Split.of(groups(5, true));
        assertThat(Evaluation.evaluate(scrambled, Popularity.fit(scrambled), Task.RELATED).ndcg())
                .isNotEqualTo(Evaluation.evaluate(real, Popularity.fit(real), Task.RELATED).ndcg());

        IalsTuning.Tuned a = IalsTuning.tune(real, GRID);
        IalsTuning.Tuned b = IalsTuning.tune(scrambled, GRID);

        assertThat(a.trials()).hasSize(4).isEqualTo(b.trials());
        assertThat(a.related().params()).isEqualTo(b.related().params());
        assertThat(a.related().relatedMode()).isEqualTo(b.related().relatedMode());
        assertThat(a.personal().params()).isEqualTo(b.personal().params());
    }

    @Test
    void theTunedModelsAreTheValidationWinnersPerTask() {
        IalsTuning.Tuned tuned = IalsTuning.tune(Split.of(groups(3, false)), GRID);
        IalsTuning.Trial bestRelated = tuned.trials().stream().max((x, y) -> Double.compare(x.bestRelatedNdcg(), y.bestRelatedNdcg())).orElseThrow();
        IalsTuning.Trial bestPersonal = tuned.trials().stream().max((x, y) -> Double.compare(x.personal(), y.personal())).orElseThrow();
        assertThat(tuned.related().params()).isEqualTo(bestRelated.params());
        assertThat(tuned.related().relatedMode()).isEqualTo(bestRelated.bestRelated());
        assertThat(tuned.personal().params()).isEqualTo(bestPersonal.params());
        assertThat(tuned.related().name(Task.RELATED)).startsWith("ials (k=").contains("related ");
        assertThat(tuned.personal().name(Task.PERSONAL)).startsWith("ials (k=").doesNotContain("related");
    }

    /**
     * Each shopper buys 4 to 8 products, 90 % from their own group; group 0's products are bought
     * by extra one-off shoppers too. With {@code scramble}, each shopper's last product is
     * replaced by one from the next group (the test items change; nothing else does).
     */
    private static List<ShopEvent> groups(long seed, boolean scramble) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ShopEvent> events = new ArrayList<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        // Every product once first, so products are numbered the same whatever the test items are.
        for (int item = 0; item < GROUPS * ITEMS_PER_GROUP; item++) {
            events.add(ShopEvent.interaction(UUID.nameUUIDFromBytes(("shelf" + item).getBytes()), EventType.VIEW,
                    "shelf", "p" + item, null, t = t.plusSeconds(1)));
        }
        for (int u = 0; u < USERS; u++) {
            int group = u % GROUPS;
            int length = 4 + random.nextInt(5);
            int previous = -1;
            for (int n = 0; n < length; n++) {
                int itemGroup = random.nextDouble() < 0.9 ? group : random.nextInt(GROUPS);
                if (scramble && n == length - 1) {
                    itemGroup = (group + 1) % GROUPS;
                }
                int item = itemGroup * ITEMS_PER_GROUP + random.nextInt(ITEMS_PER_GROUP);
                if (item == previous) {
                    item = itemGroup * ITEMS_PER_GROUP + (item % ITEMS_PER_GROUP + 1) % ITEMS_PER_GROUP;
                }
                previous = item;
                events.add(ShopEvent.interaction(UUID.nameUUIDFromBytes(("e" + u + "-" + n).getBytes()), EventType.PURCHASE,
                        "u" + u, "p" + item, null, t = t.plusSeconds(1)));
            }
        }
        for (int u = 0; u < USERS; u++) {
            events.add(ShopEvent.interaction(UUID.nameUUIDFromBytes(("once" + u).getBytes()), EventType.PURCHASE,
                    "once" + u, "p" + random.nextInt(ITEMS_PER_GROUP), null, t = t.plusSeconds(1)));
        }
        return events;
    }
}
