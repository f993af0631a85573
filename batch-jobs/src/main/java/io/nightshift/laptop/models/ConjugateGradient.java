package io.nightshift.laptop.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The least-squares half-step of implicit ALS (Hu, Koren, Volinsky 2008) by a few conjugate-gradient
 * steps per row (Takács, Pilászy, Tikk 2011): for each row {@code u} of the side being solved,
 * {@code (G + λI + Σ_i α c_ui f_i f_iᵀ) x_u = Σ_i (1 + α c_ui) f_i}, with {@code G = FᵀF} the
 * fixed side's Gram matrix, computed once per half-step. A block of rows is solved together: the
 * dense product of the block with {@code G} is one matrix product on DJL (the engine's device, the
 * GPU where present), the sparse correction a loop over the block's non-zeros on the heap. Memory
 * is one block of rows whatever the number of rows.
 */
final class ConjugateGradient {

    /** Rows solved together (and rows per block of the Gram product). */
    static final int BLOCK = 4096;
    /** Below this squared residual a row is solved: another step would divide by (almost) zero. */
    private static final float SOLVED = 1e-12f;

    private ConjugateGradient() {
    }

    /** Heap of one block: the rows, residuals, directions and products, and a block of the fixed side for the Gram product. */
    static long heapBytes(int k) {
        return 5L * BLOCK * k * MemoryEstimate.FLOAT + 2L * k * k * MemoryEstimate.FLOAT;
    }

    /** Native memory of one block: its rows in, the product out, their direct-buffer copies, and the Gram matrix. */
    static long nativeBytes(int k) {
        return 4L * BLOCK * k * MemoryEstimate.FLOAT + 4L * k * k * MemoryEstimate.FLOAT;
    }

    /** {@code FᵀF + λI} of a row-major {@code rows x k} table, summed a block of rows at a time. */
    static NDArray gram(NDManager manager, float[] table, int rows, int k, float lambda) {
        NDArray gram = manager.eye(k).mul(lambda);
        for (int from = 0; from < rows; from += BLOCK) {
            int to = Math.min(rows, from + BLOCK);
            try (NDManager block = manager.newSubManager()) {
                NDArray part = block.create(java.util.Arrays.copyOfRange(table, from * k, to * k), new Shape(to - from, k));
                NDArray product = part.transpose().matMul(part);
                gram.addi(product);
            }
        }
        return gram;
    }

    /**
     * Updates rows {@code [from, to)} of {@code target} by {@code steps} CG steps from their current
     * values (a warm start: after the first epoch a few steps suffice).
     *
     * @param gram   {@code FᵀF + λI}, {@code k x k}
     * @param fixed  the other side's factors, row-major
     * @param matrix the rows being solved, their columns index {@code fixed}
     */
    static void solve(NDManager manager, NDArray gram, float[] fixed, ImplicitRows matrix, float alpha, float[] target, int from,
                      int to, int k, int steps) {
        int size = to - from;
        float[] x = java.util.Arrays.copyOfRange(target, from * k, to * k);
        float[] r = new float[size * k];
        for (int row = 0; row < size; row++) {
            int u = from + row;
            for (int e = matrix.start()[u]; e < matrix.start()[u + 1]; e++) {
                float weight = 1 + alpha * matrix.count()[e];
                int base = matrix.column()[e] * k;
                for (int c = 0; c < k; c++) {
                    r[row * k + c] += weight * fixed[base + c];
                }
            }
        }
        // One product buffer for all steps: the block is solved in place, allocating nothing per step.
        float[] product = new float[size * k];
        multiply(manager, gram, fixed, matrix, alpha, x, from, size, k, product);
        for (int i = 0; i < r.length; i++) {
            r[i] -= product[i];
        }
        float[] p = r.clone();
        float[] rs = new float[size];
        for (int row = 0; row < size; row++) {
            rs[row] = dot(r, r, row * k, row * k, k);
        }
        for (int step = 0; step < steps; step++) {
            float[] ap = multiply(manager, gram, fixed, matrix, alpha, p, from, size, k, product);
            for (int row = 0; row < size; row++) {
                int base = row * k;
                float curvature = dot(p, ap, base, base, k);
                if (rs[row] < SOLVED || curvature <= 0) {
                    continue;
                }
                float a = rs[row] / curvature;
                for (int c = 0; c < k; c++) {
                    x[base + c] += a * p[base + c];
                    r[base + c] -= a * ap[base + c];
                }
                float next = dot(r, r, base, base, k);
                float beta = next / rs[row];
                for (int c = 0; c < k; c++) {
                    p[base + c] = r[base + c] + beta * p[base + c];
                }
                rs[row] = next;
            }
        }
        System.arraycopy(x, 0, target, from * k, x.length);
    }

    /** Each row's {@code A_u v_u}: {@code v G} on DJL for the block, then {@code Σ_i α c_ui (f_i·v_u) f_i} on the heap. */
    private static float[] multiply(NDManager manager, NDArray gram, float[] fixed, ImplicitRows matrix, float alpha, float[] v,
                                    int from, int size, int k, float[] out) {
        try (NDManager scope = manager.newSubManager()) {
            scope.create(v, new Shape(size, k)).matMul(gram).toByteBuffer().asFloatBuffer().get(out, 0, size * k);
        }
        for (int row = 0; row < size; row++) {
            int u = from + row;
            int base = row * k;
            for (int e = matrix.start()[u]; e < matrix.start()[u + 1]; e++) {
                int f = matrix.column()[e] * k;
                float projection = alpha * matrix.count()[e] * dot(fixed, v, f, base, k);
                for (int c = 0; c < k; c++) {
                    out[base + c] += projection * fixed[f + c];
                }
            }
        }
        return out;
    }

    private static float dot(float[] a, float[] b, int offsetA, int offsetB, int k) {
        float sum = 0;
        for (int c = 0; c < k; c++) {
            sum += a[offsetA + c] * b[offsetB + c];
        }
        return sum;
    }
}
