package io.nightshift.laptop.models;

import java.util.Arrays;

/**
 * One row of co-occurrence sums at a time: a dense array of n sums plus the list of the columns
 * touched, so clearing costs the touched columns, not n. Memory is O(n) whatever the data.
 */
final class RowAccumulator {

    private final float[] sums;
    private final boolean[] touched;
    private int[] columns = new int[256];
    private int size;

    RowAccumulator(int n) {
        this.sums = new float[n];
        this.touched = new boolean[n];
    }

    void add(int column, float value) {
        if (!touched[column]) {
            touched[column] = true;
            if (size == columns.length) {
                columns = Arrays.copyOf(columns, size * 2);
            }
            columns[size++] = column;
        }
        sums[column] += value;
    }

    int size() {
        return size;
    }

    int column(int t) {
        return columns[t];
    }

    float sum(int column) {
        return sums[column];
    }

    void clear() {
        for (int t = 0; t < size; t++) {
            sums[columns[t]] = 0f;
            touched[columns[t]] = false;
        }
        size = 0;
    }

    /**
     * The value an entry must reach to be among the {@code k} largest of {@code values[0..count)}
     * (ties at the threshold all stay, as the dense top-K threshold keeps them); every value
     * stays when there are at most k.
     */
    static float threshold(float[] values, int count, int k) {
        if (count <= k) {
            return Float.NEGATIVE_INFINITY;
        }
        float[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[count - k];
    }
}
