package io.nightshift.laptop.models;

/**
 * Whether an item-item family should build its dense {@code n x n} matrix or sparse rows. The
 * work of both is the pairs of items in the histories; the dense model adds {@code n²} on top of
 * it, and the sparse one a cost per pair and per kept entry. Measured (SparseKnnBenchmark): on shop
 * data (about 16 interactions per product, short histories) the sparse rows train and score
 * 5 to 80 times faster from 500 to 20,000 products; on rating data with long histories (pairs
 * above n²) the dense sequence-aware model trains 2 to 3 times faster. So the dense matrix is
 * built only when the pairs come near {@code n²} and n is within the dense limit.
 */
final class Density {

    /** Pairs per matrix cell from which the dense matrix is worth building. */
    static final double DENSE_FROM = 0.25;

    private Density() {
    }

    static boolean favoursDense(int n, int[][] train, int maxDenseItems) {
        if (n > maxDenseItems) {
            return false;
        }
        double pairs = 0;
        for (int[] sequence : train) {
            pairs += (double) sequence.length * sequence.length;
        }
        return pairs >= DENSE_FROM * n * n;
    }
}
