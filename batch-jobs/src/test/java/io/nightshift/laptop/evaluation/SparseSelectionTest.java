package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Blend;
import io.nightshift.laptop.models.BprFactors;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Families;
import io.nightshift.laptop.models.Ials;
import io.nightshift.laptop.models.ItemKnn;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.models.ModelFamily;
import io.nightshift.laptop.models.Popularity;
import io.nightshift.laptop.models.SequentialKnn;
import io.nightshift.laptop.models.SparseScorer;
import io.nightshift.laptop.models.SyntheticCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The item-item families above the dense limit, at a real shop's size: a synthetic catalog of
 * 50,000 products and 800,000 interactions, in the test JVM's heap (surefire: -Xmx2g).
 */
class SparseSelectionTest {

    private static final int PRODUCTS = 50_000;
    private static final int DENSE_LIMIT = 20_000;
    private static SyntheticCatalog catalog;

    @BeforeAll
    static void generate() {
        catalog = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(PRODUCTS), 42);
    }

    @Test
    @DisplayName("above the dense limit ItemKNN and the sequence-aware KNN train as sparse rows whose neighbours share the product's category")
    void sparseNeighboursAreSane() {
        Dataset data = catalog.data();
        try (ItemScorer itemKnn = new ItemKnn(DENSE_LIMIT).train(PRODUCTS, data.sequences(), new ItemKnn.Parameters(10, 100));
             ItemScorer seqKnn = new SequentialKnn(DENSE_LIMIT).train(PRODUCTS, data.sequences(),
                     new SequentialKnn.Parameters(0.5f, 10, 0.7f))) {
            assertThat(itemKnn).isInstanceOf(SparseScorer.class);
            assertThat(seqKnn).isInstanceOf(SparseScorer.class);
            assertThat(sameCategoryShare((SparseScorer) itemKnn)).as("ItemKNN neighbours in the product's category").isGreaterThan(0.6);
            assertThat(sameCategoryShare((SparseScorer) seqKnn)).as("sequential neighbours in the product's category").isGreaterThan(0.6);
            assertThat(((SparseScorer) itemKnn).entries()).isLessThan(100L * PRODUCTS);
        }
    }

    @Test
    @DisplayName("selection above the dense limit skips the dense-only families and picks a sparse item-item model over popularity")
    void selectionPicksSparseKnn() {
        // The factor families (ials, bpr-factors) take this catalog too; FactorSelectionTest covers them.
        java.util.Set<String> enabled = new java.util.HashSet<>(Families.Settings.defaults().enabled());
        enabled.removeAll(java.util.Set.of(Ials.NAME, BprFactors.NAME));
        Families.Settings settings = new Families.Settings(enabled, DENSE_LIMIT, new double[]{8}, 42L, 1);
        List<ModelFamily<?>> families = Families.all(settings);
        ModelSelection.Outcome outcome = ModelSelection.select(catalog.data(), families, Duration.ofMinutes(2), 2_000, line -> {
        });
        List<String> tried = outcome.trials().stream().map(ModelSelection.Trial::family).distinct().toList();
        assertThat(tried).containsExactlyInAnyOrder(SequentialKnn.NAME, ItemKnn.NAME, Popularity.NAME, Blend.NAME);
        assertThat(outcome.bestRelated().family()).isIn(SequentialKnn.NAME, ItemKnn.NAME, Blend.NAME);
        assertThat(outcome.bestPersonal().family()).isIn(SequentialKnn.NAME, ItemKnn.NAME, Blend.NAME);
        double popularity = outcome.trials().stream().filter(t -> t.family().equals(Popularity.NAME))
                .mapToDouble(t -> t.related().ndcg()).max().orElseThrow();
        assertThat(outcome.bestRelated().related().ndcg()).isGreaterThan(2 * popularity);
    }

    /** Of the 500 most popular products' top-10 neighbour lists, the share in the product's own category. */
    private static double sameCategoryShare(SparseScorer scorer) {
        boolean[] all = new boolean[PRODUCTS];
        Arrays.fill(all, true);
        List<Boolean> same = new ArrayList<>();
        for (int item = 0; item < 500; item++) {
            for (int neighbour : scorer.top(item, 10, all).items()) {
                same.add(catalog.categoryOf()[neighbour] == catalog.categoryOf()[item]);
            }
        }
        return same.stream().filter(b -> b).count() / (double) same.size();
    }
}
