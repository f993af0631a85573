package io.nightshift.laptop.models;

import java.util.Arrays;
import java.util.List;

/**
 * An item-item model held as pruned sparse rows (compressed sparse rows on the heap): an input's
 * scores are the recency-weighted sum of the rows of its items, as {@link DenseScorer} computes
 * them, but memory is the kept entries ({@code O(n k)}), not {@code n x n}.
 */
public final class SparseScorer implements ItemScorer, NeighbourRows {

    private final int n;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] values;
    private final float recency;

    /**
     * @param rowStart row {@code i}'s entries are {@code [rowStart[i], rowStart[i + 1])} (length n + 1)
     * @param recency  an input item {@code r} places from the end of its input weighs {@code recency^r}
     */
    SparseScorer(int n, int[] rowStart, int[] columns, float[] values, float recency) {
        this.n = n;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
        this.recency = recency;
    }

    @Override
    public int itemCount() {
        return n;
    }

    /** Kept entries: the model's size is about 8 bytes each. */
    public long entries() {
        return columns.length;
    }

    /** The largest value of item {@code item}'s row (0 for an empty row): a row's scale. */
    float rowMax(int item) {
        float max = 0f;
        for (int e = rowStart[item]; e < rowStart[item + 1]; e++) {
            max = Math.max(max, values[e]);
        }
        return max;
    }

    @Override
    public float[] score(List<int[]> inputs) {
        float[] scores = new float[Math.multiplyExact(inputs.size(), n)];
        for (int k = 0; k < inputs.size(); k++) {
            int[] input = inputs.get(k);
            int offset = k * n;
            for (int r = 0; r < input.length; r++) {
                float weight = recency == 1f ? 1f : (float) Math.pow(recency, input.length - 1 - r);
                int item = input[r];
                for (int e = rowStart[item]; e < rowStart[item + 1]; e++) {
                    scores[offset + columns[e]] += weight * values[e];
                }
            }
        }
        return scores;
    }

    /**
     * Item {@code item}'s {@code k} best positive entries among the allowed columns, best first
     * (ties to the lower index), never the item itself: a product page's neighbour list.
     *
     * @return the kept entries' columns and values
     */
    @Override
    public Top top(int item, int k, boolean[] allowed) {
        int from = rowStart[item];
        int to = rowStart[item + 1];
        Integer[] order = new Integer[to - from];
        int count = 0;
        for (int e = from; e < to; e++) {
            if (values[e] > 0 && columns[e] != item && allowed[columns[e]]) {
                order[count++] = e;
            }
        }
        Integer[] kept = Arrays.copyOf(order, count);
        Arrays.sort(kept, (a, b) -> {
            int byValue = Float.compare(values[b], values[a]);
            return byValue != 0 ? byValue : Integer.compare(columns[a], columns[b]);
        });
        int size = Math.min(k, count);
        int[] topColumns = new int[size];
        float[] topValues = new float[size];
        for (int c = 0; c < size; c++) {
            topColumns[c] = columns[kept[c]];
            topValues[c] = values[kept[c]];
        }
        return new Top(topColumns, topValues);
    }

    /**
     * A "for you" list without a row of n scores: the input's rows summed (recency-weighted, as
     * {@link #score}) over the columns they touch, the input's own items and the forbidden ones
     * left out, the {@code size} best first (ties to the lower index). As over a dense row of
     * scores, a short list is filled with allowed zero-score items in index order. One instance per
     * thread: it reuses its sums.
     */
    public final class Personal {

        private final RowAccumulator sums = new RowAccumulator(n);
        private final boolean[] owned = new boolean[n];

        public Top top(int[] input, int size, boolean[] allowed) {
            for (int r = 0; r < input.length; r++) {
                float weight = recency == 1f ? 1f : (float) Math.pow(recency, input.length - 1 - r);
                int item = input[r];
                owned[item] = true;
                for (int e = rowStart[item]; e < rowStart[item + 1]; e++) {
                    sums.add(columns[e], weight * values[e]);
                }
            }
            int[] candidates = new int[sums.size()];
            int count = 0;
            for (int t = 0; t < sums.size(); t++) {
                int column = sums.column(t);
                if (!owned[column] && allowed[column] && sums.sum(column) != 0f) {
                    candidates[count++] = column;
                }
            }
            Integer[] order = new Integer[count];
            for (int c = 0; c < count; c++) {
                order[c] = candidates[c];
            }
            Arrays.sort(order, (a, b) -> {
                int byValue = Float.compare(sums.sum(b), sums.sum(a));
                return byValue != 0 ? byValue : Integer.compare(a, b);
            });
            int kept = Math.min(size, count);
            int[] items = new int[size];
            float[] scores = new float[size];
            for (int c = 0; c < kept; c++) {
                items[c] = order[c];
                scores[c] = sums.sum(order[c]);
            }
            int filled = kept;
            for (int column = 0; column < n && filled < size; column++) {
                if (!owned[column] && allowed[column] && sums.sum(column) == 0f) {
                    items[filled] = column;
                    filled++;
                }
            }
            for (int item : input) {
                owned[item] = false;
            }
            sums.clear();
            return new Top(Arrays.copyOf(items, filled), Arrays.copyOf(scores, filled));
        }
    }

    /** One row's best entries, best first. */
    public record Top(int[] items, float[] scores) {
    }
}
