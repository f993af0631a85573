package io.nightshift.laptop.models;

/**
 * One side of the implicit-feedback matrix in compressed rows: per row (a user, or an item in the
 * transposed form) its distinct columns and how often each occurred. Memory is two arrays of the
 * non-zeros and one of row starts.
 *
 * @param start  row {@code r}'s entries are {@code [start[r], start[r + 1])}
 * @param column each entry's column
 * @param count  each entry's number of occurrences
 */
record ImplicitRows(int[] start, int[] column, float[] count) {

    /** Bytes of the rows: {@code rows + 1} starts and 8 bytes per non-zero. */
    static long bytes(long rows, long nonZeros) {
        return 4 * (rows + 1) + 8 * nonZeros;
    }

    int rows() {
        return start.length - 1;
    }

    /** Users' histories as rows over {@code n} items, each distinct item with its number of occurrences. */
    static ImplicitRows ofHistories(int n, int[][] histories) {
        int[] occurrences = new int[n];
        int[] start = new int[histories.length + 1];
        for (int u = 0; u < histories.length; u++) {
            int distinct = 0;
            for (int item : histories[u]) {
                if (occurrences[item]++ == 0) {
                    distinct++;
                }
            }
            for (int item : histories[u]) {
                occurrences[item] = 0;
            }
            start[u + 1] = start[u] + distinct;
        }
        int[] column = new int[start[histories.length]];
        float[] count = new float[column.length];
        for (int u = 0; u < histories.length; u++) {
            int at = start[u];
            for (int item : histories[u]) {
                if (occurrences[item]++ == 0) {
                    column[at++] = item;
                }
            }
            for (int e = start[u]; e < start[u + 1]; e++) {
                count[e] = occurrences[column[e]];
                occurrences[column[e]] = 0;
            }
        }
        return new ImplicitRows(start, column, count);
    }

    /** The same matrix with rows and columns swapped ({@code columns} columns become rows), columns in row order. */
    ImplicitRows transpose(int columns) {
        int[] transposedStart = new int[columns + 1];
        for (int c : column) {
            transposedStart[c + 1]++;
        }
        for (int c = 0; c < columns; c++) {
            transposedStart[c + 1] += transposedStart[c];
        }
        int[] next = java.util.Arrays.copyOf(transposedStart, columns);
        int[] transposedColumn = new int[column.length];
        float[] transposedCount = new float[column.length];
        for (int r = 0; r < rows(); r++) {
            for (int e = start[r]; e < start[r + 1]; e++) {
                int at = next[column[e]]++;
                transposedColumn[at] = r;
                transposedCount[at] = count[e];
            }
        }
        return new ImplicitRows(transposedStart, transposedColumn, transposedCount);
    }
}
