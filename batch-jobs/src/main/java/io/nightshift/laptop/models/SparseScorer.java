package io.nightshift.laptop.models;

import java.util.Arrays;
import java.util.List;

/**
 * An item-item model held as pruned sparse rows (compressed sparse rows on the heap): an input's
 * scores are the recency-weighted sum of the rows of its items, as {@link DenseScorer} computes
 * them, but memory is the kept entries ({@code O(n k)}), not {@code n x n}.
 */
public final class SparseScorer implements ItemScorer {

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

    /** One row's best entries, best first. */
    public record Top(int[] items, float[] scores) {
    }
}
