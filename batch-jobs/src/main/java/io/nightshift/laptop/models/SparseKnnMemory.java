package io.nightshift.laptop.models;

/**
 * The heap an item-item family takes as sparse rows ({@link SparseItemKnn}, {@link SparseSequentialKnn}):
 * nothing native, nothing n². Kept entries are bounded both by {@code neighbours} per item (with
 * room for ties at the threshold) and by the pairs the histories hold, whichever is smaller.
 */
final class SparseKnnMemory {

    /**
     * Bytes per kept entry at the peak: the coordinate arrays (row, column, value) grown by half
     * with the old copy still alive while the new one fills (12 × 1.5 + 12), and then the sorted
     * columns and values beside them.
     */
    private static final long BYTES_PER_ENTRY = 38;
    /** Ties at a row's threshold are all kept: room for a half more than {@code neighbours}. */
    private static final double TIES = 1.5;
    /** Per item: the row of sums and its touched flags, the norms, the user or occurrence index heads, the similarities. */
    private static final long BYTES_PER_ITEM = 29;
    /** Per interaction: the history's distinct copy and the inverted index (one or two ints). */
    private static final long BYTES_PER_INTERACTION = 12;

    private SparseKnnMemory() {
    }

    static MemoryEstimate estimate(int n, int[][] train, int neighbours) {
        long interactions = 0;
        long pairs = 0;
        for (int[] sequence : train) {
            interactions += sequence.length;
            pairs += (long) sequence.length * sequence.length;
        }
        long entries = Math.min((long) Math.ceil(TIES * n * Math.min(neighbours, Math.max(1, n - 1))), pairs);
        long building = BYTES_PER_ENTRY * entries + BYTES_PER_ITEM * n + BYTES_PER_INTERACTION * interactions
                + 16L * train.length + (1L << 20);
        // Scoring a block of histories (evaluation, "for you" lists) next to the kept entries.
        long scoring = 8L * entries + 2 * ItemScorer.defaultBlockBytes(n, interactions) + BYTES_PER_ITEM * n;
        return new MemoryEstimate(Math.max(building, scoring), 0);
    }
}
