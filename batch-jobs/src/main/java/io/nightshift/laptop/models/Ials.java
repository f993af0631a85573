package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Implicit alternating least squares (Hu, Koren, Volinsky 2008): user and item factors ({@code k}
 * each) fitted to the 0/1 preference of every user-item pair, a pair seen {@code c} times weighing
 * {@code 1 + α·c} and an unseen pair 1, with L2 penalty λ. The two sides are solved in turn, each
 * row by a few conjugate-gradient steps from its last value ({@link ConjugateGradient}), the other
 * side's Gram matrix computed once per half-epoch on DJL. Product pages score by the cosine of item
 * factors, shoppers by their folded-in factor ({@link IalsScorer}).
 *
 * <p>Memory is {@code O((users + items)·k + interactions)}: nothing of size {@code n x n}, so the
 * family takes catalogs above the dense limit. Deterministic: the initial item factors come from
 * the seed, and every solve visits the rows in the same order.
 */
public final class Ials implements ModelFamily<Ials.Parameters> {

    public static final String NAME = "ials";
    /** Items per column block when product lists are read from the factors. */
    static final int COLUMN_BLOCK = 100_000;

    private final long seed;
    private final int epochs;

    /** @param epochs alternations (a user half and an item half each) of every grid point */
    public Ials(long seed, int epochs) {
        this.seed = seed;
        this.epochs = epochs;
    }

    /**
     * @param factors k, dimensions per user and per item
     * @param lambda  L2 penalty on every factor
     * @param alpha   confidence per occurrence of a pair
     * @param epochs  alternations
     * @param steps   CG steps per row and half-epoch
     */
    public record Parameters(int factors, float lambda, float alpha, int epochs, int steps) implements Hyperparameters {

        @Override
        public Map<String, String> asLineage() {
            return Map.of("factors", Integer.toString(factors), "lambda", Float.toString(lambda), "alpha", Float.toString(alpha),
                    "epochs", Integer.toString(epochs), "steps", Integer.toString(steps));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Most promising first (from validation runs on Amazon Beauty and Groceries, docs/quality.md):
     * a strong confidence slope with a moderate penalty, then wider, then stronger confidence and
     * penalty, and last few factors for small catalogs of repeat purchases.
     */
    @Override
    public List<Parameters> grid(int itemCount, int[][] train) {
        return List.of(new Parameters(64, 10f, 30f, epochs, 3), new Parameters(128, 10f, 30f, epochs, 3),
                new Parameters(64, 50f, 100f, epochs, 3), new Parameters(16, 50f, 100f, epochs, 3));
    }

    @Override
    public Parameters fromLineage(Map<String, String> lineage) {
        Map<String, String> p = new HashMap<>(grid(0, new int[0][]).getFirst().asLineage());
        p.putAll(lineage);
        return new Parameters(Integer.parseInt(p.get("factors")), Float.parseFloat(p.get("lambda")), Float.parseFloat(p.get("alpha")),
                Integer.parseInt(p.get("epochs")), Integer.parseInt(p.get("steps")));
    }

    /**
     * Training: the histories as compressed rows both ways (8 bytes per non-zero each, at most one
     * non-zero per interaction), user and item factors, one CG block; natively one block and its
     * product. Then the model ({@link IalsScorer#held}) with one block of scores (heap and native)
     * or of {@link Embeddings#topK} (256 product rows against a column block).
     */
    @Override
    public MemoryEstimate estimate(int n, int[][] train, Parameters parameters) {
        long users = train.length;
        long interactions = Dataset.interactionsIn(train);
        int k = parameters.factors();
        long rows = ImplicitRows.bytes(users, interactions) + ImplicitRows.bytes(n, interactions) + 4L * n;
        long tables = (users + n) * k * MemoryEstimate.FLOAT;
        MemoryEstimate training = new MemoryEstimate(rows + tables + ConjugateGradient.heapBytes(k), ConjugateGradient.nativeBytes(k));
        long block = ItemScorer.defaultBlockBytes(n, interactions);
        long topK = 3L * 256 * Math.min(n, COLUMN_BLOCK) * MemoryEstimate.FLOAT;
        long foldIn = ImplicitRows.bytes(interactions, interactions) + ConjugateGradient.heapBytes(k);
        MemoryEstimate scoring = IalsScorer.held(n, k).plus(new MemoryEstimate(2 * block + foldIn + (1L << 20),
                Math.max(2 * block, topK) + ConjugateGradient.nativeBytes(k)));
        // The training arrays are garbage once the model exists, but the item factors are the model's.
        return new MemoryEstimate(Math.max(training.heapBytes(), scoring.heapBytes() + (long) n * k * MemoryEstimate.FLOAT),
                Math.max(training.nativeBytes(), scoring.nativeBytes()));
    }

    @Override
    public IalsScorer train(int n, int[][] train, Parameters parameters) {
        int k = parameters.factors();
        int m = train.length;
        if ((long) Math.max(n, m) * k > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(Math.max(n, m) + " rows x " + k + " factors do not fit one table");
        }
        ImplicitRows users = ImplicitRows.ofHistories(n, train);
        ImplicitRows items = users.transpose(n);
        float[] userFactors = new float[m * k];
        float[] itemFactors = new float[n * k];
        Random random = new Random(seed);
        float scale = (float) (0.1 / Math.sqrt(k));
        for (int i = 0; i < itemFactors.length; i++) {
            itemFactors[i] = (float) (random.nextGaussian() * scale);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int epoch = 0; epoch < parameters.epochs(); epoch++) {
                half(manager, itemFactors, n, users, userFactors, m, parameters);
                half(manager, userFactors, m, items, itemFactors, n, parameters);
            }
        }
        // An item nobody had keeps what the penalty left of its random start: zero, so it is nobody's neighbour.
        for (int i = 0; i < n; i++) {
            if (items.start()[i] == items.start()[i + 1]) {
                java.util.Arrays.fill(itemFactors, i * k, (i + 1) * k, 0f);
            }
        }
        return new IalsScorer(itemFactors, n, k, parameters.lambda(), parameters.alpha(), COLUMN_BLOCK);
    }

    /** Solves every row of {@code target} against the fixed side, whose Gram matrix is computed once here. */
    private static void half(NDManager manager, float[] fixed, int fixedRows, ImplicitRows matrix, float[] target, int targetRows,
                             Parameters parameters) {
        int k = parameters.factors();
        try (NDManager scope = manager.newSubManager()) {
            NDArray gram = ConjugateGradient.gram(scope, fixed, fixedRows, k, parameters.lambda());
            for (int from = 0; from < targetRows; from += ConjugateGradient.BLOCK) {
                ConjugateGradient.solve(scope, gram, fixed, matrix, parameters.alpha(), target, from,
                        Math.min(targetRows, from + ConjugateGradient.BLOCK), k, parameters.steps());
            }
        }
    }
}
