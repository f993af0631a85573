package io.nightshift.laptop.models;

import java.util.Arrays;

/**
 * Builds a {@link SparseScorer} from entries added in any order: they are kept as growing
 * coordinate arrays, then sorted into rows once (a counting sort), so memory is the kept entries.
 */
final class SparseRows {

    private final int n;
    private int[] rows = new int[1024];
    private int[] columns = new int[1024];
    private float[] values = new float[1024];
    private int size;

    SparseRows(int n) {
        this.n = n;
    }

    void add(int row, int column, float value) {
        if (size == rows.length) {
            int grown = Math.toIntExact(Math.min(Integer.MAX_VALUE - 16L, size * 3L / 2 + 1));
            rows = Arrays.copyOf(rows, grown);
            columns = Arrays.copyOf(columns, grown);
            values = Arrays.copyOf(values, grown);
        }
        rows[size] = row;
        columns[size] = column;
        values[size] = value;
        size++;
    }

    SparseScorer build(float recency) {
        int[] rowStart = new int[n + 1];
        for (int e = 0; e < size; e++) {
            rowStart[rows[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] next = Arrays.copyOf(rowStart, n);
        int[] sortedColumns = new int[size];
        float[] sortedValues = new float[size];
        for (int e = 0; e < size; e++) {
            int at = next[rows[e]]++;
            sortedColumns[at] = columns[e];
            sortedValues[at] = values[e];
        }
        rows = null;
        columns = null;
        values = null;
        return new SparseScorer(n, rowStart, sortedColumns, sortedValues, recency);
    }
}
