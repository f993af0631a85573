package io.nightshift.laptop.evaluation;

/**
 * HR@10 and NDCG@10 averaged over a split's cases.
 *
 * @param hitRate hit rate at 10
 * @param ndcg    NDCG at 10 (one relevant item)
 * @param cases   how many cases were averaged
 */
public record Metrics(double hitRate, double ndcg, int cases) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "HR@10=%.4f NDCG@10=%.4f (n=%d)", hitRate, ndcg, cases);
    }
}
