package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * An item-item model held as a dense {@code n x n} matrix {@code S} on a DJL NDArray (CPU or GPU):
 * an input's scores are the sum of the rows of its items ({@code x S} for a 0/1 vector x). ItemKNN,
 * EASE and the factor model all have this form; the matrix stays in native memory, never on the heap.
 */
public final class DenseScorer implements ItemScorer {

    /** Rows of the matrix per {@link #topK} block: 1024 x 20k floats is 80 MB, whatever the catalog. */
    public static final int TOP_K_ROWS = 1024;
    /** Scores per {@link #score} call (inputs x items). */
    private static final int SCORES_PER_BLOCK = 12_000_000;
    /** Gathered matrix rows per sub-block of {@link #score}: 64 MB of floats. */
    private static final int GATHERED_PER_BLOCK = 16_000_000;
    private static final long SMALL_ARRAYS = 1L << 20;

    private final NDManager manager;
    private final NDArray matrix;
    private final int n;
    private final float recency;

    /** Takes ownership of {@code manager} (closed with this scorer) and {@code matrix} (n x n, float32). */
    public DenseScorer(NDManager manager, NDArray matrix) {
        this(manager, matrix, 1f);
    }

    /**
     * @param recency an input item {@code r} places from the end of its input weighs {@code recency^r}
     *                (1: all items alike; inputs are in time order, most recent last)
     */
    public DenseScorer(NDManager manager, NDArray matrix, float recency) {
        this.manager = manager;
        this.matrix = matrix;
        this.n = (int) matrix.getShape().get(0);
        this.recency = recency;
    }

    public static DenseScorer of(float[] rowMajor, int n) {
        NDManager manager = NDManager.newBaseManager();
        return new DenseScorer(manager, manager.create(rowMajor, new Shape(n, n)));
    }

    /**
     * Memory of using an {@code n x n} matrix on top of the matrix itself: one {@link #score} block
     * (the scores and their heap copy; the gathered rows, their weighted copy and their sum natively)
     * and one {@link #topK} block (the rows, masked, copied to the heap and back). At most
     * {@code interactions} inputs or rows are ever in one block. A single history longer than a block
     * is gathered whole: not counted. Plus a megabyte for the small arrays around them (indices, weights, JNI handles).
     */
    static MemoryEstimate usage(int n, long interactions) {
        long inputs = Math.min(interactions, Math.max(1, SCORES_PER_BLOCK / Math.max(1, n)));
        long gathered = Math.min(interactions, Math.max(1, GATHERED_PER_BLOCK / Math.max(1, n)));
        long rows = Math.min(n, TOP_K_ROWS);
        MemoryEstimate scoring = new MemoryEstimate(2 * inputs * n * MemoryEstimate.FLOAT + 16 * inputs + SMALL_ARRAYS,
                3 * gathered * n * MemoryEstimate.FLOAT + SMALL_ARRAYS);
        MemoryEstimate topK = new MemoryEstimate(rows * n * MemoryEstimate.FLOAT + n * MemoryEstimate.FLOAT + SMALL_ARRAYS,
                4 * rows * n * MemoryEstimate.FLOAT + SMALL_ARRAYS);
        return scoring.max(topK);
    }

    public NDArray matrix() {
        return matrix;
    }

    @Override
    public int itemCount() {
        return n;
    }

    @Override
    public int blockSize() {
        return Math.max(1, SCORES_PER_BLOCK / n);
    }

    @Override
    public float[] score(List<int[]> inputs) {
        float[] scores = new float[inputs.size() * n];
        // Sub-blocks bounded to ~64 MB of gathered rows, whatever the history lengths.
        int maxRows = Math.max(1, GATHERED_PER_BLOCK / n);
        int from = 0;
        while (from < inputs.size()) {
            int to = from;
            int longest = 0;
            while (to < inputs.size()) {
                int candidate = Math.max(longest, Math.max(1, inputs.get(to).length));
                if (to > from && (long) candidate * (to - from + 1) > maxRows) {
                    break;
                }
                longest = candidate;
                to++;
            }
            float[] part = sumOfRows(inputs.subList(from, to), longest);
            System.arraycopy(part, 0, scores, from * n, part.length);
            from = to;
        }
        return scores;
    }

    /** Each input's rows of S summed on the NDArray side: a padded gather, masked, summed over the padding axis. */
    private float[] sumOfRows(List<int[]> inputs, int length) {
        int b = inputs.size();
        long[] index = new long[b * length];
        float[] mask = new float[b * length];
        for (int k = 0; k < b; k++) {
            int[] input = inputs.get(k);
            for (int r = 0; r < input.length; r++) {
                index[k * length + r] = input[r];
                mask[k * length + r] = recency == 1f ? 1f : (float) Math.pow(recency, input.length - 1 - r);
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray rows = matrix.get(new NDIndex("{}", scope.create(index)));
            rows.attach(scope);
            if (length == 1 && inputs.stream().allMatch(input -> input.length == 1)) {
                return rows.toFloatArray();
            }
            if (length == 1) {
                return rows.mul(scope.create(mask, new Shape(b, 1))).toFloatArray();
            }
            return rows.reshape(b, length, n).mul(scope.create(mask, new Shape(b, length, 1))).sum(new int[]{1}).toFloatArray();
        }
    }

    /**
     * The {@code k} best columns of each row in {@code [from, to)}: a block of rows, masked with
     * {@code penalty} (0 for allowed columns, -inf for forbidden ones, length n) and the row's own
     * item, then top-K on the NDArray. Memory is one block, whatever n is.
     *
     * @return {indices (rows x k), values (rows x k)} flattened row-major
     */
    public Object[] topK(int from, int to, int k, float[] penalty) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray block = matrix.get(new NDIndex(from + ":" + to));
            block.attach(scope);
            NDArray masked = block.add(scope.create(penalty).reshape(1, n));
            // The diagonal: a product is never its own neighbour.
            float[] values = masked.toFloatArray();
            for (int r = 0; r < to - from; r++) {
                values[r * n + from + r] = Float.NEGATIVE_INFINITY;
            }
            NDArray cleaned = scope.create(values, new Shape(to - from, n));
            int kk = Math.min(k, n);
            NDList top = cleaned.topK(kk, 1, true, true);
            return new Object[]{top.get(1).toLongArray(), top.get(0).toFloatArray()};
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
