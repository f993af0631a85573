package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;
import java.util.Map;

/**
 * A sequence-aware ItemKNN: pairs of items in a user's history count by how close they are
 * ({@code 1/distance}), and a pair counts fully in time order (i then j) and {@code backward}
 * times in the other; the sums are normalised like cosine ({@code / (sqrt(n_i n_j) + shrink)}).
 * With {@code backward = 1} and no distance weighting it is plain ItemKNN, so selection on the
 * validation split decides how much order matters for a shop. For "for you" lists, a history
 * item {@code r} steps from the end weighs {@code recency^r}.
 */
public final class SequentialKnn implements ModelFamily {

    public static final String NAME = "seqknn";
    private final int maxItems;

    public SequentialKnn(int maxItems) {
        this.maxItems = maxItems;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean fits(int itemCount) {
        return itemCount <= maxItems;
    }

    @Override
    public List<Map<String, String>> grid(int itemCount, int[][] train) {
        return List.of(Map.of("backward", "0.5", "shrink", "10", "recency", "0.7"),
                Map.of("backward", "1.0", "shrink", "10", "recency", "1.0"),
                Map.of("backward", "0.25", "shrink", "10", "recency", "0.5"));
    }

    @Override
    public ItemScorer train(int n, int[][] train, Map<String, String> parameters) {
        float backward = Float.parseFloat(parameters.getOrDefault("backward", "0.5"));
        float shrink = Float.parseFloat(parameters.getOrDefault("shrink", "10"));
        float recency = Float.parseFloat(parameters.getOrDefault("recency", "1.0"));
        if ((long) n * n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(n + " items are too many for a dense item-item matrix");
        }
        float[] weights = new float[n * n];
        float[] users = new float[n];
        boolean[] seen = new boolean[n];
        for (int[] sequence : train) {
            for (int item : Gram.distinct(sequence, seen)) {
                users[item] += 1;
            }
            for (int a = 0; a < sequence.length; a++) {
                int i = sequence[a];
                for (int b = a + 1; b < sequence.length; b++) {
                    int j = sequence[b];
                    if (i == j) {
                        continue;
                    }
                    float w = 1f / (b - a);
                    weights[i * n + j] += w;
                    weights[j * n + i] += backward * w;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                weights[row + j] = i == j ? 0f : weights[row + j] / ((float) Math.sqrt(users[i] * users[j]) + shrink);
            }
        }
        NDManager manager = NDManager.newBaseManager();
        return new DenseScorer(manager, manager.create(weights, new Shape(n, n)), recency);
    }
}
