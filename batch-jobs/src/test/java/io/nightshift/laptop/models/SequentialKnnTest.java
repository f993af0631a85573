package io.nightshift.laptop.models;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SequentialKnnTest {

    @Test
    @DisplayName("what follows a product ranks above what precedes it, and close neighbours above distant ones")
    void orderAndDistance() {
        // Items 0..3; every user goes 0 -> 1 -> 2 -> 3.
        int[][] train = {{0, 1, 2, 3}, {0, 1, 2, 3}, {0, 1, 2, 3}};
        try (ItemScorer scorer = new SequentialKnn(20_000).train(4, train, new SequentialKnn.Parameters(0.5f, 0, 1))) {
            float[] after1 = scorer.score(List.of(new int[]{1}));
            assertThat(after1[2]).as("next").isGreaterThan(after1[0]).as("previous");
            assertThat(after1[2]).as("next").isGreaterThan(after1[3]).as("two steps ahead");
        }
        try (ItemScorer symmetric = new SequentialKnn(20_000).train(4, train, new SequentialKnn.Parameters(1.0f, 0, 1))) {
            float[] after1 = symmetric.score(List.of(new int[]{1}));
            assertThat(after1[2]).isEqualTo(after1[0]);
        }
    }

    @Test
    @DisplayName("with recency < 1 the most recent history item weighs most")
    void recency() {
        int[][] train = {{0, 1}, {2, 3}, {0, 1}, {2, 3}};
        try (ItemScorer scorer = new SequentialKnn(20_000).train(4, train, new SequentialKnn.Parameters(1.0f, 0, 0.5f))) {
            float[] scores = scorer.score(List.of(new int[]{0, 2}));
            assertThat(scores[3]).as("follows the latest item").isGreaterThan(scores[1]);
        }
    }
}
