package io.nightshift.cli.referee;

/**
 * One row of an implicit ALS half-step: minimises
 * {@code Σ_j c_j (p_j − x·y_j)² + reg |x|²} over x, where p_j is 1 and c_j = 1 + alpha·r_j for
 * the row's columns and p_j = 0, c_j = 1 for every other column. The normal equations are
 * {@code (YᵀY + Σ_obs (c_j − 1) y_j y_jᵀ + reg I) x = Σ_obs c_j y_j}; YᵀY is shared by all rows,
 * so applying the matrix costs O(k² + observed · k), and conjugate gradient needs nothing more.
 * Holds scratch vectors: one solver per thread.
 */
final class RowSolver {

    private static final float CONVERGED = 1e-12f;

    private final int k;
    private final float[] x;
    private final float[] residual;
    private final float[] direction;
    private final float[] product;

    RowSolver(int k) {
        this.k = k;
        this.x = new float[k];
        this.residual = new float[k];
        this.direction = new float[k];
        this.product = new float[k];
    }

    /**
     * Improves {@code target[at .. at + k)} in place by {@code steps} conjugate-gradient steps,
     * starting from its current value (zero for a new row).
     */
    void solve(Interactions rows, int row, float[] target, int at, float[] other, float[] gram, float reg, double alpha, int steps) {
        System.arraycopy(target, at, x, 0, k);
        // residual = b − A x
        apply(rows, row, x, other, gram, reg, alpha, residual);
        for (int f = 0; f < k; f++) {
            residual[f] = -residual[f];
        }
        for (int n = rows.start()[row]; n < rows.start()[row + 1]; n++) {
            axpy((float) (1 + alpha * rows.times(n)), other, rows.column()[n] * k, residual);
        }
        System.arraycopy(residual, 0, direction, 0, k);
        float norm = dot(residual, residual);
        for (int step = 0; step < steps && norm > CONVERGED; step++) {
            apply(rows, row, direction, other, gram, reg, alpha, product);
            float curvature = dot(direction, product);
            if (!(curvature > 0)) {
                break;
            }
            float length = norm / curvature;
            for (int f = 0; f < k; f++) {
                x[f] += length * direction[f];
                residual[f] -= length * product[f];
            }
            float next = dot(residual, residual);
            float keep = next / norm;
            for (int f = 0; f < k; f++) {
                direction[f] = residual[f] + keep * direction[f];
            }
            norm = next;
        }
        System.arraycopy(x, 0, target, at, k);
    }

    /** out = (YᵀY + reg I) v + Σ_obs (c_j − 1)(y_j · v) y_j. */
    private void apply(Interactions rows, int row, float[] v, float[] other, float[] gram, float reg, double alpha, float[] out) {
        for (int f = 0; f < k; f++) {
            out[f] = reg * v[f];
        }
        for (int g = 0; g < k; g++) {
            // YᵀY is symmetric: its row g is its column g, so this is a vectorisable axpy.
            axpy(v[g], gram, g * k, out);
        }
        for (int n = rows.start()[row]; n < rows.start()[row + 1]; n++) {
            int offset = rows.column()[n] * k;
            float extra = (float) (alpha * rows.times(n));
            float along = 0;
            for (int f = 0; f < k; f++) {
                along += other[offset + f] * v[f];
            }
            axpy(extra * along, other, offset, out);
        }
    }

    private void axpy(float a, float[] vector, int offset, float[] out) {
        for (int f = 0; f < k; f++) {
            out[f] += a * vector[offset + f];
        }
    }

    private float dot(float[] a, float[] b) {
        float sum = 0;
        for (int f = 0; f < k; f++) {
            sum += a[f] * b[f];
        }
        return sum;
    }
}
