package io.nightshift.laptop.models;

/** Co-occurrence counts {@code XᵀX} of the 0/1 user-item matrix, on the heap, row-major. */
final class Gram {

    private Gram() {
    }

    /** Whether an {@code n x n} float matrix fits in one Java array. */
    static boolean holds(int n) {
        return (long) n * n <= Integer.MAX_VALUE - 16;
    }

    static float[] of(int n, int[][] train) {
        if (!holds(n)) {
            throw new IllegalArgumentException(n + " items are too many for a dense item-item matrix");
        }
        float[] gram = new float[n * n];
        boolean[] seen = new boolean[n];
        for (int[] sequence : train) {
            int[] distinct = distinct(sequence, seen);
            for (int a : distinct) {
                int row = a * n;
                for (int b : distinct) {
                    gram[row + b] += 1;
                }
            }
        }
        return gram;
    }

    static int[] distinct(int[] sequence, boolean[] seen) {
        int[] out = new int[sequence.length];
        int count = 0;
        for (int item : sequence) {
            if (!seen[item]) {
                seen[item] = true;
                out[count++] = item;
            }
        }
        for (int i = 0; i < count; i++) {
            seen[out[i]] = false;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** Mean of the diagonal: how many users an item has on average (scales EASE's λ grid). */
    static double meanDiagonal(float[] gram, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += gram[i * n + i];
        }
        return n == 0 ? 0 : sum / n;
    }
}
