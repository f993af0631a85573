package io.nightshift.laptop.scoring;

import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.DenseScorer;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.models.SequentialKnn;
import io.nightshift.laptop.models.SparseScorer;
import io.nightshift.laptop.models.SyntheticCatalog;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ForYouListsTest {

    /** Items a..d; u1 had a then b, u2 had c. */
    private final Dataset data = new Dataset.Builder()
            .add("u1", "a").add("u1", "b").add("u2", "c").add("u3", "d")
            .build();

    @Test
    @DisplayName("dense: the sum of the history's rows, without the history and unavailable products, best first")
    void dense() {
        // Rows: a -> c 1, d 5; b -> c 2, d 1; c -> a 3; d -> nothing.
        float[] matrix = {
                0, 0, 1, 5,
                0, 0, 2, 1,
                3, 0, 0, 0,
                0, 0, 0, 0};
        Map<String, List<ScoredItem>> lists = new HashMap<>();
        try (DenseScorer scorer = DenseScorer.of(matrix, 4)) {
            long made = ForYouLists.compute(scorer, data, new boolean[]{true, true, true, false}, 2, lists::putAll);
            assertThat(made).isEqualTo(3);
        }

        assertThat(lists.get("u1")).as("d is unavailable, a and b are owned").extracting(ScoredItem::productId).containsExactly("c");
        assertThat(lists.get("u1").getFirst().score()).isEqualTo(3.0);
        assertThat(lists.get("u2")).extracting(ScoredItem::productId).containsExactly("a", "b");
    }

    @Test
    @DisplayName("sparse: the sum of the recent items' neighbour lists, without the history and unavailable products")
    void fromNeighbours() {
        Map<String, List<ScoredItem>> neighbours = Map.of(
                "a", List.of(new ScoredItem("d", 5), new ScoredItem("c", 1)),
                "b", List.of(new ScoredItem("c", 2), new ScoredItem("a", 1)),
                "c", List.of(new ScoredItem("a", 3)));
        Map<String, List<ScoredItem>> lists = new HashMap<>();

        long made = ForYouLists.fromNeighbours(neighbours, data, Set.of("a", "b", "c"), 2, 10, lists::putAll);

        assertThat(made).isEqualTo(2);
        assertThat(lists.get("u1")).extracting(ScoredItem::productId).containsExactly("c");
        assertThat(lists.get("u1").getFirst().score()).isEqualTo(3.0);
        assertThat(lists.get("u2")).extracting(ScoredItem::productId).containsExactly("a");
        assertThat(lists).doesNotContainKey("u3");
    }

    @Test
    @DisplayName("sparse rows: the same lists as from full rows of scores, without a row of n scores per shopper")
    void sparseRows() {
        Dataset catalog = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(800), 5).data();
        boolean[] available = new boolean[catalog.itemCount()];
        for (int i = 0; i < available.length; i++) {
            available[i] = i % 10 != 3;
        }
        Map<String, List<ScoredItem>> fromRows = new HashMap<>();
        Map<String, List<ScoredItem>> fromScores = new HashMap<>();
        // Above its dense limit the family builds sparse rows.
        try (ItemScorer scorer = new SequentialKnn(100).train(catalog.itemCount(), catalog.sequences(),
                new SequentialKnn.Parameters(0.5f, 10, 0.7f))) {
            assertThat(scorer).isInstanceOf(SparseScorer.class);
            ItemScorer asRows = new ItemScorer() {
                @Override
                public int itemCount() {
                    return scorer.itemCount();
                }

                @Override
                public float[] score(List<int[]> inputs) {
                    return scorer.score(inputs);
                }
            };
            assertThat(ForYouLists.compute(scorer, catalog, available, 20, fromRows::putAll)).isEqualTo(catalog.users().size());
            ForYouLists.compute(asRows, catalog, available, 20, fromScores::putAll);
        }
        assertThat(fromRows).isEqualTo(fromScores);
    }
}
