package io.nightshift.laptop.models;

/**
 * {@link ItemKnn}'s model without the {@code n x n} matrix: each item's column of co-occurrence
 * counts is summed from the histories of its users (an item-to-users index), turned into the same
 * shrunk cosine ({@code G_ij / (sqrt(G_ii) sqrt(G_jj) + shrink)}, in the same float arithmetic)
 * and pruned to the same top {@code neighbours} predictors, ties at the threshold included. Memory
 * is the histories, one column of sums and the kept entries; time is the sum over users of their
 * distinct items squared, as for the dense Gram matrix.
 */
final class SparseItemKnn {

    private SparseItemKnn() {
    }

    static SparseScorer train(int n, int[][] train, float shrink, int neighbours) {
        boolean[] seen = new boolean[n];
        int[][] distinct = new int[train.length][];
        for (int u = 0; u < train.length; u++) {
            distinct[u] = Gram.distinct(train[u], seen);
        }
        int[] userStart = new int[n + 1];
        for (int[] items : distinct) {
            for (int item : items) {
                userStart[item + 1]++;
            }
        }
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            norms[i] = (float) Math.sqrt((float) userStart[i + 1]);
            userStart[i + 1] += userStart[i];
        }
        int[] usersOf = new int[userStart[n]];
        int[] next = java.util.Arrays.copyOf(userStart, n);
        for (int u = 0; u < distinct.length; u++) {
            for (int item : distinct[u]) {
                usersOf[next[item]++] = u;
            }
        }
        RowAccumulator column = new RowAccumulator(n);
        SparseRows rows = new SparseRows(n);
        float[] similarities = new float[256];
        for (int j = 0; j < n; j++) {
            for (int e = userStart[j]; e < userStart[j + 1]; e++) {
                for (int l : distinct[usersOf[e]]) {
                    if (l != j) {
                        column.add(l, 1f);
                    }
                }
            }
            int count = column.size();
            if (similarities.length < count) {
                similarities = new float[Math.max(count, similarities.length * 2)];
            }
            for (int t = 0; t < count; t++) {
                int l = column.column(t);
                similarities[t] = column.sum(l) / (norms[l] * norms[j] + shrink);
            }
            // Column pruning, as the dense model: j keeps its `neighbours` most similar items as predictors.
            float threshold = RowAccumulator.threshold(similarities, count, neighbours);
            for (int t = 0; t < count; t++) {
                if (similarities[t] >= threshold && similarities[t] > 0) {
                    rows.add(column.column(t), j, similarities[t]);
                }
            }
            column.clear();
        }
        return rows.build(1f);
    }
}
