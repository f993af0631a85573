package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained implicit-ALS model as the evaluation and the scoring see it. A single item (a product
 * page) is scored by the cosine of item factors, through {@link Embeddings}, which also makes the
 * product lists in blocks ({@link BlockNeighbours}). A history (a shopper) is folded in: its user
 * factor is solved from the item factors as in training (one conjugate-gradient solve,
 * {@link ConjugateGradient}) and dotted with every item factor. Memory is {@code O(n·k)}: the item
 * factors on the heap (for the fold-in), as a tensor, and normalised in the embeddings; scoring
 * adds one block of scores.
 */
final class IalsScorer implements ItemScorer, BlockNeighbours {

    /** CG steps of a fold-in, from zero (training warm-starts, a fold-in does not). */
    static final int FOLD_IN_STEPS = 8;

    private final int n;
    private final int k;
    private final float[] factors;
    private final float alpha;
    private final NDManager manager;
    private final NDArray table;
    private final NDArray gram;
    private final Embeddings cosine;

    /**
     * @param factors item factors, row-major {@code n x k} (kept, not copied)
     * @param lambda  the L2 penalty the factors were trained with
     * @param alpha   the confidence slope the factors were trained with
     */
    IalsScorer(float[] factors, int n, int k, float lambda, float alpha, int columnBlock) {
        this.n = n;
        this.k = k;
        this.factors = factors;
        this.alpha = alpha;
        this.manager = NDManager.newBaseManager();
        try {
            this.table = manager.create(factors, new Shape(n, k));
            this.gram = ConjugateGradient.gram(manager, factors, n, k, lambda);
            this.cosine = Embeddings.of(normalised(factors, n, k), n, k, columnBlock);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The model's memory: the factors on the heap, twice natively (raw and normalised) with their direct-buffer copies. */
    static MemoryEstimate held(int n, int k) {
        long table = (long) n * k * MemoryEstimate.FLOAT;
        return new MemoryEstimate(2 * table, 4 * table + 4L * k * k * MemoryEstimate.FLOAT);
    }

    @Override
    public int itemCount() {
        return n;
    }

    @Override
    public float[] score(List<int[]> inputs) {
        List<Integer> singles = new ArrayList<>();
        List<Integer> histories = new ArrayList<>();
        for (int r = 0; r < inputs.size(); r++) {
            (inputs.get(r).length == 1 ? singles : histories).add(r);
        }
        // A block of one kind (the evaluation's product pages, most shoppers' blocks) is scored without a second copy.
        if (histories.isEmpty()) {
            return cosine.score(inputs);
        }
        if (singles.isEmpty()) {
            return foldedScores(inputs.toArray(int[][]::new));
        }
        float[] scores = new float[Math.multiplyExact(inputs.size(), n)];
        if (!singles.isEmpty()) {
            float[] part = cosine.score(singles.stream().map(inputs::get).toList());
            for (int s = 0; s < singles.size(); s++) {
                System.arraycopy(part, s * n, scores, singles.get(s) * n, n);
            }
        }
        if (!histories.isEmpty()) {
            float[] part = foldedScores(histories.stream().map(inputs::get).toArray(int[][]::new));
            for (int h = 0; h < histories.size(); h++) {
                System.arraycopy(part, h * n, scores, histories.get(h) * n, n);
            }
        }
        return scores;
    }

    /** Each history's user factor (one CG solve from zero) times the item factors. */
    private float[] foldedScores(int[][] histories) {
        ImplicitRows rows = ImplicitRows.ofHistories(n, histories);
        float[] users = new float[histories.length * k];
        try (NDManager scope = manager.newSubManager()) {
            for (int from = 0; from < histories.length; from += ConjugateGradient.BLOCK) {
                ConjugateGradient.solve(scope, gram, factors, rows, alpha, users, from, Math.min(histories.length, from + ConjugateGradient.BLOCK),
                        k, FOLD_IN_STEPS);
            }
            return scope.create(users, new Shape(histories.length, k)).matMul(table.transpose()).toFloatArray();
        }
    }

    @Override
    public Embeddings.Top neighbours(int[] items, int size, boolean[] allowed) {
        return cosine.neighbours(items, size, allowed);
    }

    private static float[] normalised(float[] factors, int n, int k) {
        float[] unit = new float[factors.length];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int c = 0; c < k; c++) {
                norm += factors[i * k + c] * factors[i * k + c];
            }
            float inverse = norm > 0 ? (float) (1.0 / Math.sqrt(norm)) : 0f;
            for (int c = 0; c < k; c++) {
                unit[i * k + c] = factors[i * k + c] * inverse;
            }
        }
        return unit;
    }

    @Override
    public void close() {
        try {
            cosine.close();
        } finally {
            manager.close();
        }
    }
}
