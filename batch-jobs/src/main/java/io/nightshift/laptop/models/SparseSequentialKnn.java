package io.nightshift.laptop.models;

/**
 * {@link SequentialKnn}'s model without the {@code n x n} matrix: each item's row of weighted
 * co-occurrences is summed from the histories it occurs in (an item-to-occurrences index), with
 * the same weights ({@code 1/distance}, {@code backward} times against time order) and the same
 * normalisation, then pruned to its {@code neighbours} largest entries. A product page's list is
 * its row's top, so with at least a list's length of neighbours the lists are the dense model's;
 * "for you" scores sum the kept entries only. Memory is the histories, one row of sums and the
 * kept entries; time is the sum over histories of their length squared, as for the dense matrix.
 */
final class SparseSequentialKnn {

    private SparseSequentialKnn() {
    }

    static SparseScorer train(int n, int[][] train, SequentialKnn.Parameters parameters, int neighbours) {
        float backward = parameters.backward();
        float shrink = parameters.shrink();
        float[] users = new float[n];
        boolean[] seen = new boolean[n];
        int[] occurrenceStart = new int[n + 1];
        for (int[] sequence : train) {
            for (int item : Gram.distinct(sequence, seen)) {
                users[item] += 1;
            }
            for (int item : sequence) {
                occurrenceStart[item + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            occurrenceStart[i + 1] += occurrenceStart[i];
        }
        int[] occurrenceUser = new int[occurrenceStart[n]];
        int[] occurrencePosition = new int[occurrenceStart[n]];
        int[] next = java.util.Arrays.copyOf(occurrenceStart, n);
        for (int u = 0; u < train.length; u++) {
            for (int a = 0; a < train[u].length; a++) {
                int at = next[train[u][a]]++;
                occurrenceUser[at] = u;
                occurrencePosition[at] = a;
            }
        }
        RowAccumulator row = new RowAccumulator(n);
        SparseRows rows = new SparseRows(n);
        float[] weights = new float[256];
        for (int i = 0; i < n; i++) {
            for (int e = occurrenceStart[i]; e < occurrenceStart[i + 1]; e++) {
                int[] sequence = train[occurrenceUser[e]];
                int a = occurrencePosition[e];
                for (int b = 0; b < sequence.length; b++) {
                    int j = sequence[b];
                    if (j == i) {
                        continue;
                    }
                    // i then j counts fully; j then i counts `backward` times, as the dense model's pair loop.
                    row.add(j, b > a ? 1f / (b - a) : backward * (1f / (a - b)));
                }
            }
            int count = row.size();
            if (weights.length < count) {
                weights = new float[Math.max(count, weights.length * 2)];
            }
            for (int t = 0; t < count; t++) {
                int j = row.column(t);
                weights[t] = row.sum(j) / ((float) Math.sqrt(users[i] * users[j]) + shrink);
            }
            float threshold = RowAccumulator.threshold(weights, count, neighbours);
            for (int t = 0; t < count; t++) {
                if (weights[t] >= threshold && weights[t] > 0) {
                    rows.add(i, row.column(t), weights[t]);
                }
            }
            row.clear();
        }
        return rows.build(parameters.recency());
    }
}
