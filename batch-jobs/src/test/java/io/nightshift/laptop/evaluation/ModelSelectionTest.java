package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.models.MemoryEstimate;
import io.nightshift.laptop.models.ModelFamily;
import io.nightshift.laptop.models.Popularity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSelectionTest {

    @Test
    @DisplayName("only families close to the best on some task keep being tuned")
    void contenders() {
        List<ModelSelection.Trial> firstRound = List.of(
                trial("leader", 0.100, 0.100),
                trial("personal-specialist", 0.050, 0.097),
                trial("behind", 0.090, 0.090));

        assertThat(ModelSelection.contender("leader", firstRound)).isTrue();
        assertThat(ModelSelection.contender("personal-specialist", firstRound)).isTrue();
        assertThat(ModelSelection.contender("behind", firstRound)).isFalse();
    }

    private static ModelSelection.Trial trial(String family, double related, double personal) {
        return new ModelSelection.Trial(new Configuration<>(new Named(family), new Popularity.Parameters()),
                new Metrics(related, related, 100), new Metrics(personal, personal, 100), 1);
    }

    /** A family that is only a name: contention looks at nothing else. */
    private record Named(String name) implements ModelFamily<Popularity.Parameters> {

        @Override
        public List<Popularity.Parameters> grid(int itemCount, int[][] train) {
            return List.of(new Popularity.Parameters());
        }

        @Override
        public MemoryEstimate estimate(int itemCount, int[][] train, Popularity.Parameters parameters) {
            return new MemoryEstimate(0, 0);
        }

        @Override
        public ItemScorer train(int itemCount, int[][] train, Popularity.Parameters parameters) {
            throw new UnsupportedOperationException("never trained");
        }

        @Override
        public Popularity.Parameters fromLineage(Map<String, String> lineage) {
            return new Popularity.Parameters();
        }
    }
}
