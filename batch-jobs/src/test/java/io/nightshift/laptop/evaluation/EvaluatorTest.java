package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.ItemKnn;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.models.Popularity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluatorTest {

    /**
     * u1: A B C (test C), u2: B B C (collapses to B C: no test user), u3: C A B (test B), u4: A B A (test A, already in
     * the history). Training popularity: A 3, B 3, C 2.
     */
    private final Dataset data = new Dataset.Builder()
            .add("u1", "A").add("u2", "B").add("u1", "B").add("u2", "B").add("u3", "C").add("u1", "C").add("u2", "C")
            .add("u3", "A").add("u4", "A").add("u3", "B").add("u4", "B").add("u4", "A")
            .build();

    @Test
    @DisplayName("the split follows the protocol: repeats collapse, users with >= 3 interactions hold out their last")
    void split() {
        LeaveLastOut test = LeaveLastOut.test(data);

        assertThat(data.interactionCount()).isEqualTo(11);
        assertThat(test.cases()).extracting(c -> data.users().get(c.user())).containsExactly("u1", "u3", "u4");
        assertThat(test.cases()).extracting(c -> data.items().get(c.target())).containsExactly("C", "B", "A");
        LeaveLastOut validation = LeaveLastOut.validation(data);
        assertThat(validation.cases()).extracting(c -> data.items().get(c.target())).containsExactly("B", "A", "B");
        assertThat(validation.train()[0]).hasSize(1);
    }

    @Test
    @DisplayName("hand-checked HR@10 and NDCG@10 of popularity on both tasks")
    void handChecked() {
        LeaveLastOut test = LeaveLastOut.test(data);
        try (ItemScorer popularity = new Popularity().train(data.itemCount(), test.train(), new Popularity.Parameters())) {
            Metrics related = Evaluator.evaluate(popularity, test, Task.RELATED);
            Metrics personal = Evaluator.evaluate(popularity, test, Task.PERSONAL);

            // u1: query B, A (3) ranks above C (2): position 1; u3 and u4: position 0.
            assertThat(related.hitRate()).isEqualTo(1.0);
            assertThat(related.ndcg()).isCloseTo((1 / log2(3) + 2) / 3, within(1e-9));
            // u4's test item is in its history: a miss.
            assertThat(personal.hitRate()).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(personal.ndcg()).isCloseTo(2.0 / 3, within(1e-9));
        }
    }

    @Test
    @DisplayName("ties count at their expectation, also across the cut-off")
    void ties() {
        float[] scores = new float[12];
        for (int i = 0; i < 9; i++) {
            scores[i] = 5;
        }
        scores[9] = 1;  // the target
        scores[10] = 1;
        scores[11] = 1;
        double[] result = Evaluator.rankGain(scores, 0, 12, 9, new int[0]);
        // 9 higher, 2 tied: positions 9, 10, 11 equally likely; only 9 is in the top 10.
        assertThat(result[0]).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(result[1]).isCloseTo(1 / log2(11) / 3, within(1e-9));
        // Excluding one higher item moves the target up one position.
        double[] excluded = Evaluator.rankGain(scores, 0, 12, 9, new int[]{0});
        assertThat(excluded[0]).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    @DisplayName("selection picks by validation NDCG and a family's training is deterministic")
    void deterministic() {
        ItemKnn knn = new ItemKnn(20_000);
        LeaveLastOut test = LeaveLastOut.test(data);
        ModelSelection.Trial once = ModelSelection.trial(new Configuration<>(knn, new ItemKnn.Parameters(1, 2)), test);
        ModelSelection.Trial again = ModelSelection.trial(new Configuration<>(knn, new ItemKnn.Parameters(1, 2)), test);
        assertThat(again.related()).isEqualTo(once.related());
        ModelSelection.Outcome outcome = ModelSelection.select(data, List.of(new Popularity(), knn), java.time.Duration.ofMinutes(1), line -> {
        });
        assertThat(outcome.trials()).hasSize(1 + knn.grid(data.itemCount(), test.train()).size());
        assertThat(outcome.best().score()).isEqualTo(outcome.trials().stream().mapToDouble(ModelSelection.Trial::score).max().orElseThrow());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
