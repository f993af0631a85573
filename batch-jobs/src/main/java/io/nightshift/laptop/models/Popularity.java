package io.nightshift.laptop.models;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** How many users touched each item: the baseline every other family must beat. */
public final class Popularity implements ModelFamily<Popularity.Parameters> {

    public static final String NAME = "popularity";

    /** Popularity has nothing to tune. */
    public record Parameters() implements Hyperparameters {

        @Override
        public Map<String, String> asLineage() {
            return Map.of();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The counts, the seen flags, and one block of scores (each row a copy of the counts). */
    @Override
    public MemoryEstimate estimate(int itemCount, int[][] train, Parameters parameters) {
        long interactions = Dataset.interactionsIn(train);
        return new MemoryEstimate(5L * itemCount + ItemScorer.defaultBlockBytes(itemCount, interactions), 0);
    }

    @Override
    public List<Parameters> grid(int itemCount, int[][] train) {
        return List.of(new Parameters());
    }

    @Override
    public Parameters fromLineage(Map<String, String> lineage) {
        return new Parameters();
    }

    @Override
    public ItemScorer train(int itemCount, int[][] train, Parameters parameters) {
        float[] counts = usersPerItem(itemCount, train);
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

    /** Per item, how many users touched it: the popularity score. */
    static float[] usersPerItem(int itemCount, int[][] train) {
        float[] counts = new float[itemCount];
        boolean[] seen = new boolean[itemCount];
        for (int[] sequence : train) {
            for (int item : Gram.distinct(sequence, seen)) {
                counts[item] += 1;
            }
        }
        return counts;
    }

    static float[] counts(ItemScorer scorer) {
        return Arrays.copyOf(scorer.score(List.of(new int[0])), scorer.itemCount());
    }
}
