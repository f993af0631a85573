package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;
import java.util.Map;

/**
 * ItemKNN: cosine similarity of the items' user vectors, shrunk for pairs few users share
 * ({@code G_ij / (sqrt(G_ii G_jj) + shrink)}), each item keeping only its {@code neighbours}
 * most similar items as predictors (column-wise pruning, the classic formulation).
 *
 * <p>On dense data within {@code maxDenseItems} items the model is a dense matrix on DJL; otherwise
 * (shop data, or above the limit) the same model is built from co-occurrences as sparse rows
 * ({@link SparseItemKnn}, {@link Density}), so the family takes any catalog whose kept neighbours
 * fit in memory.
 */
public final class ItemKnn implements ModelFamily<ItemKnn.Parameters> {

    public static final String NAME = "itemknn";
    private final int maxItems;

    /** @param maxItems the largest catalog for which the dense matrix may be built */
    public ItemKnn(int maxItems) {
        this.maxItems = maxItems;
    }

    /**
     * @param shrink     added to the cosine denominator
     * @param neighbours predictors kept per item
     */
    public record Parameters(float shrink, int neighbours) implements Hyperparameters {

        @Override
        public Map<String, String> asLineage() {
            return Map.of("shrink", Float.toString(shrink), "neighbours", Integer.toString(neighbours));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * As {@link #train} builds it. Dense: the Gram matrix on the heap (n² floats), copied through a
     * direct buffer into a tensor; pruning adds three n² boolean masks, the float mask and the pruned
     * copy, and top-K's values and indices (k·n floats and longs); the masks stay with the model until
     * it is closed. Sparse: {@link SparseKnnMemory}.
     */
    @Override
    public MemoryEstimate estimate(int n, int[][] train, Parameters parameters) {
        if (!Density.favoursDense(n, train, maxItems)) {
            return SparseKnnMemory.estimate(n, train, parameters.neighbours());
        }
        long interactions = Dataset.interactionsIn(train);
        long topK = 12L * Math.min(parameters.neighbours(), n) * n;
        MemoryEstimate usage = DenseScorer.usage(n, interactions);
        long heap = Math.max(MemoryEstimate.squares(n, 1) + 9L * n, usage.heapBytes());
        if (parameters.neighbours() >= n) {
            return new MemoryEstimate(heap, MemoryEstimate.squares(n, 2) + usage.nativeBytes());
        }
        long pruning = MemoryEstimate.squares(n, 4.75) + topK;
        long held = MemoryEstimate.squares(n, 2.75) + topK + usage.nativeBytes();
        return new MemoryEstimate(heap, Math.max(pruning, held));
    }

    @Override
    public List<Parameters> grid(int itemCount, int[][] train) {
        return List.of(new Parameters(10, 100), new Parameters(10, 500), new Parameters(50, 100));
    }

    @Override
    public Parameters fromLineage(Map<String, String> lineage) {
        return new Parameters(Float.parseFloat(lineage.getOrDefault("shrink", "10")),
                Integer.parseInt(lineage.getOrDefault("neighbours", "100")));
    }

    @Override
    public ItemScorer train(int n, int[][] train, Parameters parameters) {
        return Density.favoursDense(n, train, maxItems) ? dense(n, train, parameters) : sparse(n, train, parameters);
    }

    static SparseScorer sparse(int n, int[][] train, Parameters parameters) {
        return SparseItemKnn.train(n, train, parameters.shrink(), parameters.neighbours());
    }

    static DenseScorer dense(int n, int[][] train, Parameters parameters) {
        float shrink = parameters.shrink();
        int neighbours = parameters.neighbours();
        float[] gram = Gram.of(n, train);
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            norms[i] = (float) Math.sqrt(gram[i * n + i]);
        }
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                gram[row + j] = i == j ? 0f : gram[row + j] / (norms[i] * norms[j] + shrink);
            }
        }
        NDManager manager = NDManager.newBaseManager();
        NDArray similarity = manager.create(gram, new Shape(n, n));
        if (neighbours < n) {
            // Keep, per column j, the rows (predictors) among j's top neighbours.
            NDArray threshold = similarity.topK(neighbours, 0, true, true).get(0).get("-1:").reshape(1, n);
            NDArray keep = similarity.gte(threshold).logicalAnd(similarity.gt(0)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray pruned = similarity.mul(keep);
            similarity.close();
            threshold.close();
            keep.close();
            similarity = pruned;
        }
        return new DenseScorer(manager, similarity);
    }
}
