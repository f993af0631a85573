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
 *
 * <p>On dense data within {@code maxDenseItems} items the model is a dense matrix on DJL; otherwise
 * (shop data, or above the limit) the same weights are built from co-occurrences as sparse rows,
 * each item keeping its {@link #SPARSE_NEIGHBOURS} strongest ({@link SparseSequentialKnn}, {@link Density}).
 */
public final class SequentialKnn implements ModelFamily<SequentialKnn.Parameters> {

    public static final String NAME = "seqknn";
    /** Entries kept per row by the sparse model: above any product list's length, bounded memory per item. */
    static final int SPARSE_NEIGHBOURS = 200;
    private final int maxItems;

    public SequentialKnn(int maxItems) {
        this.maxItems = maxItems;
    }

    /**
     * @param backward how much a pair counts against time order (1 = as much as in order)
     * @param shrink   added to the cosine denominator
     * @param recency  a "for you" history item r steps from the end weighs {@code recency^r}
     */
    public record Parameters(float backward, float shrink, float recency) implements Hyperparameters {

        @Override
        public Map<String, String> asLineage() {
            return Map.of("backward", Float.toString(backward), "shrink", Float.toString(shrink), "recency", Float.toString(recency));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** As {@link #train} builds it. Dense: the weights on the heap (n² floats), copied through a direct buffer into the model's tensor. Sparse: {@link SparseKnnMemory}. */
    @Override
    public MemoryEstimate estimate(int n, int[][] train, Parameters parameters) {
        if (!Density.favoursDense(n, train, maxItems)) {
            return SparseKnnMemory.estimate(n, train, SPARSE_NEIGHBOURS);
        }
        MemoryEstimate usage = DenseScorer.usage(n, Dataset.interactionsIn(train));
        return new MemoryEstimate(Math.max(MemoryEstimate.squares(n, 1) + 9L * n, usage.heapBytes()),
                MemoryEstimate.squares(n, 2) + usage.nativeBytes());
    }

    @Override
    public List<Parameters> grid(int itemCount, int[][] train) {
        return List.of(new Parameters(0.5f, 10, 0.7f), new Parameters(1.0f, 10, 1.0f), new Parameters(0.25f, 10, 0.5f));
    }

    @Override
    public Parameters fromLineage(Map<String, String> lineage) {
        return new Parameters(Float.parseFloat(lineage.getOrDefault("backward", "0.5")),
                Float.parseFloat(lineage.getOrDefault("shrink", "10")), Float.parseFloat(lineage.getOrDefault("recency", "1.0")));
    }

    @Override
    public ItemScorer train(int n, int[][] train, Parameters parameters) {
        return Density.favoursDense(n, train, maxItems) ? dense(n, train, parameters) : sparse(n, train, parameters, SPARSE_NEIGHBOURS);
    }

    static SparseScorer sparse(int n, int[][] train, Parameters parameters, int neighbours) {
        return SparseSequentialKnn.train(n, train, parameters, neighbours);
    }

    static DenseScorer dense(int n, int[][] train, Parameters parameters) {
        float backward = parameters.backward();
        float shrink = parameters.shrink();
        float recency = parameters.recency();
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
