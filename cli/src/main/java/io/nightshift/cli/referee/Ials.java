package io.nightshift.cli.referee;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Implicit-feedback matrix factorisation (Hu, Koren, Volinsky 2008): every user × item cell is a
 * preference, 1 where the user interacted with the item and 0 elsewhere, weighted by the
 * confidence {@code 1 + alpha·r} (r = the user's interactions with the item in training) or 1
 * for the cells without interactions. Fitted by alternating least squares, each row solved by a
 * few conjugate-gradient steps warm-started from its previous value (Takács, Pilászy, Tikk 2011),
 * so a half-step costs O(rows · k² + interactions · k) and never a k³ inverse.
 *
 * <p>Each row's regularisation is {@code reg} times the row's total weight in the loss (its
 * confidences plus one per cell without interactions): the frequency-scaled regularisation that
 * Rendle et al. (2021, "Revisiting the performance of iALS") found to matter for tuned iALS, and
 * it keeps one {@code reg} meaningful for users and items alike.
 *
 * <p>Personal: the user's factor is solved from the given history against the final item
 * factors, the same least-squares step as training's user half-step (for a training user the
 * trained factor, brought up to date with the last item half-step); scores are its dot products
 * with the item factors. Related: either the cosine of the item factors or the factor of a user
 * whose history is the query alone ({@link Related}); {@link IalsTuning} picks one on the
 * validation split.
 *
 * <p>Rows are solved in parallel; each reads only the other side's factors and writes only its
 * own, so the result does not depend on the number of threads or their order.
 */
public final class Ials implements Scorer {

    /** How the related task ranks items for a query. */
    public enum Related {
        /** The cosine of the item factors. */
        COSINE,
        /** The scores of a one-item history: the query folded in as a user. */
        FOLD_IN;

        String wire() {
            return this == COSINE ? "cosine" : "fold-in";
        }
    }

    /**
     * @param factors    the latent dimension k
     * @param reg        regularisation per unit of a row's total weight in the loss
     * @param alpha      confidence per interaction
     * @param iterations alternating sweeps (users, then items)
     */
    public record Params(int factors, double reg, double alpha, int iterations) {

        public Params {
            if (factors < 1 || iterations < 1 || !(reg > 0) || !(alpha >= 0)) {
                throw new IllegalArgumentException("iALS needs factors and iterations >= 1, reg > 0 and alpha >= 0, was " + this);
            }
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "k=%d, reg=%s, alpha=%s", factors, plain(reg), plain(alpha));
        }

        private static String plain(double value) {
            return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    /** Conjugate-gradient steps per row and half-step: with the warm start, 3 are as good as an exact solve (Takács et al.). */
    static final int TRAINING_STEPS = 3;
    /** A history folded in starts from zero, so it gets more steps. */
    static final int FOLD_IN_STEPS = 12;
    private static final long SEED = 2008;
    private static final int ROWS_PER_TASK = 256;

    private final Params params;
    private final Related related;
    private final int items;
    private final int k;
    /** Items × k, row-major: the factors a row solve reads. */
    private final float[] itemFactors;
    /** k × items, factor-major: scoring every item is then k vectorisable passes of {@code scores += x_f · Y_f}. */
    private final float[] itemFactorsByFactor;
    /** Yᵀ Y, k × k. */
    private final float[] gram;
    private final float[] norms;

    private Ials(Params params, Related related, int items, float[] itemFactors, float[] gram) {
        this.params = params;
        this.related = related;
        this.items = items;
        this.k = params.factors();
        this.itemFactors = itemFactors;
        this.gram = gram;
        this.itemFactorsByFactor = new float[itemFactors.length];
        this.norms = new float[items];
        for (int i = 0; i < items; i++) {
            for (int f = 0; f < k; f++) {
                float value = itemFactors[i * k + f];
                itemFactorsByFactor[f * items + i] = value;
                norms[i] += value * value;
            }
            norms[i] = (float) Math.sqrt(norms[i]);
        }
    }

    private Ials(Ials fitted, Related related) {
        this.params = fitted.params;
        this.related = related;
        this.items = fitted.items;
        this.k = fitted.k;
        this.itemFactors = fitted.itemFactors;
        this.itemFactorsByFactor = fitted.itemFactorsByFactor;
        this.gram = fitted.gram;
        this.norms = fitted.norms;
    }

    /** Fits on the split's training data: every user's history, test users' and others' alike. */
    public static Ials fit(Split split, Params params, Related related) {
        int k = params.factors();
        Interactions byUser = Interactions.of(split);
        Interactions byItem = byUser.transposed(split.itemCount());
        float[] userFactors = new float[split.userCount() * k];
        float[] itemFactors = new float[split.itemCount() * k];
        SplittableRandom random = new SplittableRandom(SEED);
        double scale = 0.1 / Math.sqrt(k);
        for (int i = 0; i < itemFactors.length; i++) {
            itemFactors[i] = (float) (random.nextGaussian() * scale);
        }
        for (int iteration = 0; iteration < params.iterations(); iteration++) {
            solveAll(byUser, userFactors, itemFactors, split.itemCount(), params);
            solveAll(byItem, itemFactors, userFactors, split.userCount(), params);
        }
        return new Ials(params, related, split.itemCount(), itemFactors, gram(itemFactors, k));
    }

    /** The same factors, ranking the related task the other way: no refit. */
    public Ials withRelated(Related mode) {
        return mode == related ? this : new Ials(this, mode);
    }

    public Params params() {
        return params;
    }

    public Related relatedMode() {
        return related;
    }

    @Override
    public String name() {
        return "ials (" + params.describe() + ", related " + related.wire() + ")";
    }

    /** The name for one task: the related mode says nothing about personal lists. */
    String name(Task task) {
        return task == Task.RELATED ? name() : "ials (" + params.describe() + ")";
    }

    @Override
    public void related(int query, double[] scores) {
        if (related == Related.FOLD_IN) {
            personal(new int[]{query}, scores);
            return;
        }
        float[] x = Arrays.copyOfRange(itemFactors, query * k, query * k + k);
        float[] dots = score(x);
        float queryNorm = norms[query];
        for (int i = 0; i < items; i++) {
            float denominator = queryNorm * norms[i];
            scores[i] = denominator > 0 ? dots[i] / denominator : 0;
        }
    }

    @Override
    public void personal(int[] history, double[] scores) {
        Interactions row = Interactions.ofHistory(history);
        float[] x = new float[k];
        new RowSolver(k).solve(row, 0, x, 0, itemFactors, gram, regularisation(row, 0, items), params.alpha(), FOLD_IN_STEPS);
        float[] dots = score(x);
        for (int i = 0; i < items; i++) {
            scores[i] = dots[i];
        }
    }

    private float[] score(float[] x) {
        float[] dots = new float[items];
        for (int f = 0; f < k; f++) {
            float weight = x[f];
            int offset = f * items;
            for (int i = 0; i < items; i++) {
                dots[i] += weight * itemFactorsByFactor[offset + i];
            }
        }
        return dots;
    }

    /** One half-step: every row of {@code rows} solved against the fixed {@code other} factors. */
    private static void solveAll(Interactions rows, float[] target, float[] other, int otherCount, Params params) {
        int k = params.factors();
        float[] gram = gram(other, k);
        int tasks = (rows.rows() + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(task -> {
            RowSolver solver = new RowSolver(k);
            int end = Math.min(rows.rows(), (task + 1) * ROWS_PER_TASK);
            for (int row = task * ROWS_PER_TASK; row < end; row++) {
                solver.solve(rows, row, target, row * k, other, gram, (float) (params.reg() * weight(rows, row, otherCount, params.alpha())),
                        params.alpha(), TRAINING_STEPS);
            }
        });
    }

    private float regularisation(Interactions rows, int row, int otherCount) {
        return (float) (params.reg() * weight(rows, row, otherCount, params.alpha()));
    }

    /** The row's total weight in the loss: its confidences, plus one per cell without interactions. */
    private static double weight(Interactions rows, int row, int otherCount, double alpha) {
        int observed = rows.start()[row + 1] - rows.start()[row];
        double confidences = observed;
        for (int n = rows.start()[row]; n < rows.start()[row + 1]; n++) {
            confidences += alpha * rows.times(n);
        }
        return confidences + (otherCount - observed);
    }

    /** FᵀF of row-major factors, accumulated in double in row order (deterministic). */
    static float[] gram(float[] factors, int k) {
        double[] sum = new double[k * k];
        for (int offset = 0; offset < factors.length; offset += k) {
            for (int a = 0; a < k; a++) {
                double value = factors[offset + a];
                if (value == 0) {
                    continue;
                }
                int at = a * k;
                for (int b = 0; b < k; b++) {
                    sum[at + b] += value * factors[offset + b];
                }
            }
        }
        float[] gram = new float[k * k];
        for (int i = 0; i < gram.length; i++) {
            gram[i] = (float) sum[i];
        }
        return gram;
    }
}
