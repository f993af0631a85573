package io.nightshift.laptop.models;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Item-item scores blended with a popularity prior: per input, {@code (1 - w) s / max(s) + w p / max(p)}
 * where {@code s} is the input's row of the sparse item-item model and {@code p} how many users
 * touched each item. Each part is divided by its own largest value so the two are on one scale
 * whatever the query; an input without neighbours ranks by popularity alone. With {@code w = 0}
 * it ranks as the item-item model, with {@code w = 1} as popularity.
 */
public final class BlendScorer implements ItemScorer, NeighbourRows {

    private final SparseScorer items;
    private final float[] prior;
    private final float weight;
    /** Item indices by prior, highest first (ties to the lower index): the fill-ins of a product's list. */
    private final int[] byPrior;

    /**
     * @param items  the item-item model
     * @param counts per item, its popularity (any non-negative scale)
     * @param weight the prior's share {@code w}, in [0, 1]
     */
    BlendScorer(SparseScorer items, float[] counts, float weight) {
        if (weight < 0 || weight > 1) {
            throw new IllegalArgumentException("a blend weight is in [0, 1]: " + weight);
        }
        this.items = items;
        this.weight = weight;
        float max = 0f;
        for (float count : counts) {
            max = Math.max(max, count);
        }
        this.prior = new float[counts.length];
        for (int i = 0; i < counts.length; i++) {
            prior[i] = max > 0 ? counts[i] / max : 0f;
        }
        this.byPrior = IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -prior[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int itemCount() {
        return items.itemCount();
    }

    @Override
    public float[] score(List<int[]> inputs) {
        int n = itemCount();
        float[] scores = items.score(inputs);
        for (int k = 0; k < inputs.size(); k++) {
            int offset = k * n;
            float max = 0f;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, scores[offset + i]);
            }
            float scale = max > 0 ? (1 - weight) / max : 0f;
            for (int i = 0; i < n; i++) {
                scores[offset + i] = scale * scores[offset + i] + weight * prior[i];
            }
        }
        return scores;
    }

    /**
     * The top of the blended row without a row of n scores: an item outside the item's neighbours
     * scores its prior alone, so the candidates are the neighbours and the {@code k} most popular
     * allowed items; the same list as the best of {@link #score}'s row.
     */
    @Override
    public SparseScorer.Top top(int item, int k, boolean[] allowed) {
        int n = itemCount();
        float max = items.rowMax(item);
        float scale = max > 0 ? (1 - weight) / max : 0f;
        SparseScorer.Top neighbours = items.top(item, n, allowed);
        int size = neighbours.items().length;
        int[] candidates = Arrays.copyOf(neighbours.items(), size + Math.min(k, n));
        float[] scores = Arrays.copyOf(neighbours.scores(), candidates.length);
        // Sorted for look-ups: a flag per item would cost n per product, n² for the whole catalog.
        int[] taken = Arrays.copyOf(candidates, size);
        Arrays.sort(taken);
        for (int c = 0; c < size; c++) {
            scores[c] = scale * scores[c] + weight * prior[candidates[c]];
        }
        int count = size;
        for (int p = 0; p < n && count < candidates.length; p++) {
            int other = byPrior[p];
            if (other != item && allowed[other] && Arrays.binarySearch(taken, other) < 0) {
                candidates[count] = other;
                scores[count] = weight * prior[other];
                count++;
            }
        }
        Integer[] order = new Integer[count];
        int positive = 0;
        for (int c = 0; c < count; c++) {
            if (scores[c] > 0) {
                order[positive++] = c;
            }
        }
        Integer[] kept = Arrays.copyOf(order, positive);
        Arrays.sort(kept, (a, b) -> {
            int byValue = Float.compare(scores[b], scores[a]);
            return byValue != 0 ? byValue : Integer.compare(candidates[a], candidates[b]);
        });
        int length = Math.min(k, positive);
        int[] topItems = new int[length];
        float[] topScores = new float[length];
        for (int c = 0; c < length; c++) {
            topItems[c] = candidates[kept[c]];
            topScores[c] = scores[kept[c]];
        }
        return new SparseScorer.Top(topItems, topScores);
    }
}
