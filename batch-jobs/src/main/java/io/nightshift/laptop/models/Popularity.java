package io.nightshift.laptop.models;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** How many users touched each item: the baseline every other family must beat. */
public final class Popularity implements ModelFamily {

    public static final String NAME = "popularity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Map<String, String>> grid(int itemCount, int[][] train) {
        return List.of(Map.of());
    }

    @Override
    public ItemScorer train(int itemCount, int[][] train, Map<String, String> parameters) {
        float[] counts = new float[itemCount];
        boolean[] seen = new boolean[itemCount];
        for (int[] sequence : train) {
            for (int item : Gram.distinct(sequence, seen)) {
                counts[item] += 1;
            }
        }
        return new ItemScorer() {
            @Override
            public int itemCount() {
                return itemCount;
            }

            @Override
            public float[] score(List<int[]> inputs) {
                float[] scores = new float[inputs.size() * itemCount];
                for (int k = 0; k < inputs.size(); k++) {
                    System.arraycopy(counts, 0, scores, k * itemCount, itemCount);
                }
                return scores;
            }
        };
    }

    static float[] counts(ItemScorer scorer) {
        return Arrays.copyOf(scorer.score(List.of(new int[0])), scorer.itemCount());
    }
}
