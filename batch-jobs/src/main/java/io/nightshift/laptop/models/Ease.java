package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EASE (Steck 2019): the closed-form linear item-item model {@code B = I - P / diag(P)} with
 * {@code P = (XᵀX + λI)⁻¹}, inverted on DJL (PyTorch; the GPU where present). The inverse is cubic
 * in the item count and its memory quadratic ({@link #estimate}).
 */
public final class Ease implements ModelFamily<Ease.Parameters> {

    public static final String NAME = "ease";
    private static final float DEFAULT_LAMBDA = 100;
    private final double[] lambdaFactors;
    private final int maxDenseItems;

    /**
     * @param lambdaFactors λ values tried, as multiples of the mean item popularity (λ scales with
     *                      the data's density, so a multiple generalises across datasets)
     */
    public Ease(double[] lambdaFactors) {
        this(lambdaFactors, Integer.MAX_VALUE);
    }

    /** @param maxDenseItems the largest catalog the family takes (the laptop's dense limit) */
    public Ease(double[] lambdaFactors, int maxDenseItems) {
        this.lambdaFactors = lambdaFactors.clone();
        this.maxDenseItems = maxDenseItems;
    }

    /** @param lambda the L2 penalty on the diagonal of the Gram matrix (one decimal, as the grid makes it) */
    public record Parameters(float lambda) implements Hyperparameters {

        @Override
        public Map<String, String> asLineage() {
            return Map.of("lambda", String.format(Locale.ROOT, "%.1f", lambda));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The Gram matrix on the heap (n² floats), copied through a direct buffer into a tensor; the
     * inverse (an LU copy and the result), then the scaled and negated copies, of which the model
     * keeps two (the unclosed quotient and the weights).
     */
    @Override
    public boolean takes(int itemCount) {
        return itemCount <= maxDenseItems && Gram.holds(itemCount);
    }

    @Override
    public MemoryEstimate estimate(int n, int[][] train, Parameters parameters) {
        long interactions = Dataset.interactionsIn(train);
        MemoryEstimate usage = DenseScorer.usage(n, interactions);
        return new MemoryEstimate(Math.max(MemoryEstimate.squares(n, 1) + 2L * n, usage.heapBytes()),
                Math.max(MemoryEstimate.squares(n, 4), MemoryEstimate.squares(n, 3) + usage.nativeBytes()));
    }

    /** An LU factorisation and the inverse from it: about 2n³, whatever λ. */
    @Override
    public double trainingOperations(int itemCount, int[][] train, Parameters parameters) {
        return 2.0 * itemCount * itemCount * (double) itemCount;
    }

    @Override
    public List<Parameters> grid(int itemCount, int[][] train) {
        double mean = 0;
        long total = 0;
        boolean[] seen = new boolean[itemCount];
        for (int[] sequence : train) {
            total += Gram.distinct(sequence, seen).length;
        }
        mean = itemCount == 0 ? 1 : Math.max(1.0, (double) total / itemCount);
        List<Parameters> grid = new ArrayList<>();
        for (double factor : lambdaFactors) {
            // Rounded to one decimal, so the lineage's value is exactly the one trained with.
            grid.add(new Parameters(Float.parseFloat(String.format(Locale.ROOT, "%.1f", factor * mean))));
        }
        return grid;
    }

    @Override
    public Parameters fromLineage(Map<String, String> lineage) {
        String lambda = lineage.get("lambda");
        return new Parameters(lambda == null ? DEFAULT_LAMBDA : Float.parseFloat(lambda));
    }

    @Override
    public ItemScorer train(int n, int[][] train, Parameters parameters) {
        float lambda = parameters.lambda();
        float[] gram = Gram.of(n, train);
        for (int i = 0; i < n; i++) {
            gram[i * n + i] += lambda;
        }
        NDManager manager = NDManager.newBaseManager();
        NDArray regularised = manager.create(gram, new Shape(n, n));
        gram = null; // the heap copy can go before the inverse allocates natively
        NDArray inverse = regularised.inverse();
        regularised.close();
        NDArray diagonal = inverse.diagonal().reshape(1, n);
        // B_ij = -P_ij / P_jj off the diagonal; the diagonal (1 - 1 = 0) never matters: inputs are excluded.
        NDArray weights = inverse.div(diagonal).neg();
        inverse.close();
        diagonal.close();
        return new DenseScorer(manager, weights);
    }
}
