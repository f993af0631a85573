package io.nightshift.cli.referee;

import java.util.Arrays;

/**
 * A sparse rows × columns count matrix (compressed rows): row r's distinct columns are
 * {@code column[start[r] .. start[r + 1])}, ascending, each with how many times it occurs.
 *
 * @param start  row offsets, one more than there are rows
 * @param column the columns of each row
 * @param times  how often each (row, column) occurs
 */
record Interactions(int[] start, int[] column, int[] times) {

    /** Users × items from the split's training histories. */
    static Interactions of(Split split) {
        int[][] rows = new int[split.userCount()][];
        for (int user = 0; user < rows.length; user++) {
            rows[user] = split.history(user);
        }
        return of(rows);
    }

    /** One row: a history. */
    static Interactions ofHistory(int[] history) {
        return of(new int[][]{history});
    }

    private static Interactions of(int[][] rows) {
        int[] start = new int[rows.length + 1];
        int[][] sorted = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            sorted[r] = rows[r].clone();
            Arrays.sort(sorted[r]);
            start[r + 1] = start[r] + (int) Arrays.stream(sorted[r]).distinct().count();
        }
        int[] column = new int[start[rows.length]];
        int[] times = new int[column.length];
        for (int r = 0; r < rows.length; r++) {
            int at = start[r] - 1;
            int[] row = sorted[r];
            for (int n = 0; n < row.length; n++) {
                if (n == 0 || row[n] != row[n - 1]) {
                    column[++at] = row[n];
                }
                times[at]++;
            }
        }
        return new Interactions(start, column, times);
    }

    int rows() {
        return start.length - 1;
    }

    int times(int entry) {
        return times[entry];
    }

    /** Columns × rows, with the same counts; each new row's columns ascending. */
    Interactions transposed(int columns) {
        int[] newStart = new int[columns + 1];
        for (int c : column) {
            newStart[c + 1]++;
        }
        for (int c = 0; c < columns; c++) {
            newStart[c + 1] += newStart[c];
        }
        int[] filled = Arrays.copyOf(newStart, columns);
        int[] newColumn = new int[column.length];
        int[] newTimes = new int[column.length];
        for (int r = 0; r < rows(); r++) {
            for (int n = start[r]; n < start[r + 1]; n++) {
                int at = filled[column[n]]++;
                newColumn[at] = r;
                newTimes[at] = times[n];
            }
        }
        return new Interactions(newStart, newColumn, newTimes);
    }
}
