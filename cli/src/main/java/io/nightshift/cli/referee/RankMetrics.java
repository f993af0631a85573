package io.nightshift.cli.referee;

/**
 * HR@k and NDCG@k for one relevant item, with ties counted at their expectation: when
 * {@code higher} items score above the relevant one and {@code tied} others score the same,
 * each of the 0-based positions {@code higher .. higher + tied} is equally likely. Without
 * this, a constant or popularity-like score could look good or bad by how ties happen to
 * be broken (item ids, insertion order).
 */
public final class RankMetrics {

    private RankMetrics() {
    }

    public static double hitRate(long higher, long tied, int k) {
        long hits = Math.max(0, Math.min(higher + tied, k - 1L) - higher + 1);
        return (double) hits / (tied + 1);
    }

    public static double ndcg(long higher, long tied, int k) {
        double sum = 0;
        for (long position = higher; position <= Math.min(higher + tied, k - 1L); position++) {
            sum += gain(position);
        }
        return sum / (tied + 1);
    }

    /** HR@k at a known 0-based position (a served list); -1 means absent. */
    public static double hitRateAt(int position, int k) {
        return position >= 0 && position < k ? 1 : 0;
    }

    /** NDCG@k at a known 0-based position (a served list); -1 means absent. */
    public static double ndcgAt(int position, int k) {
        return position >= 0 && position < k ? gain(position) : 0;
    }

    private static double gain(long position) {
        return 1 / (Math.log(position + 2) / Math.log(2));
    }
}
