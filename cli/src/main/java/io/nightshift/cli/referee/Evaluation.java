package io.nightshift.cli.referee;

import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Runs the protocol's full-ranking evaluation of a {@link Scorer} over the test users of a
 * {@link Split}: for each, the rank of the held-out item among all catalog items that are not
 * excluded (the query for {@link Task#RELATED}, the history for {@link Task#PERSONAL}), with
 * ties at their expectation ({@link RankMetrics}).
 */
public final class Evaluation {

    public static final int K = 10;

    /**
     * The score an excluded item gets, below any real score: excluding is then just a write, and
     * the ranking loop over the whole catalog stays a plain array scan (the hot loop: users × items).
     */
    static final double EXCLUDED = Double.NEGATIVE_INFINITY;

    private Evaluation() {
    }

    public static QualityReport evaluate(Split split, Scorer scorer, Task task) {
        return evaluate(split, scorer, task, K);
    }

    public static QualityReport evaluate(Split split, Scorer scorer, Task task, int k) {
        long started = System.nanoTime();
        int items = split.itemCount();
        double[] scores = new double[items];
        BitSet recommended = new BitSet(items);
        int[] top = new int[k];
        double hits = 0;
        double ndcg = 0;
        int users = 0;
        for (int user : split.testUsers()) {
            int[] history = split.history(user);
            int test = split.testItem(user);
            users++;
            if (task == Task.RELATED) {
                int query = split.queryItem(user);
                scorer.related(query, scores);
                scores[query] = EXCLUDED;
            } else {
                scorer.personal(history, scores);
                for (int item : history) {
                    scores[item] = EXCLUDED;
                }
            }
            int listed = topK(scores, top);
            for (int r = 0; r < listed; r++) {
                recommended.set(top[r]);
            }
            double score = scores[test];
            if (score == EXCLUDED) {
                continue; // the protocol's rule: a test item the list may not show is a miss
            }
            long higher = 0;
            long tiedWithItself = 0;
            for (double other : scores) {
                // Branch-free on purpose: this loop runs users × items times.
                higher += other > score ? 1 : 0;
                tiedWithItself += other == score ? 1 : 0;
            }
            hits += RankMetrics.hitRate(higher, tiedWithItself - 1, k);
            ndcg += RankMetrics.ndcg(higher, tiedWithItself - 1, k);
        }
        double coverage = items == 0 ? 0 : (double) recommended.cardinality() / items;
        return new QualityReport(scorer.name(), task, k, users, users == 0 ? 0 : hits / users, users == 0 ? 0 : ndcg / users,
                coverage, Map.of(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The same metrics for lists a serving path answered (no scores, so no ties: the position in
     * the list is the rank). {@code answer} is asked once per test user, by user index: for
     * {@link Task#RELATED} with {@link Split#queryItem(int)}, for {@link Task#PERSONAL} with the
     * user id. As offline, a personal test item that is already in the user's history is a miss;
     * items the list should not have shown (the query, the history) are not filtered here: they
     * take a slot, as they would on the page.
     */
    public static QualityReport served(String name, Split split, Task task, int k, IntFunction<ServedList> answer) {
        long started = System.nanoTime();
        BitSet recommended = new BitSet(split.itemCount());
        Map<String, Integer> tierCounts = new TreeMap<>();
        double hits = 0;
        double ndcg = 0;
        int users = 0;
        for (int user : split.testUsers()) {
            ServedList list = answer.apply(user);
            users++;
            tierCounts.merge(String.valueOf(list.tier()), 1, Integer::sum);
            int position = -1;
            int test = split.testItem(user);
            for (int r = 0; r < Math.min(k, list.productIds().size()); r++) {
                int item = split.itemIndex(list.productIds().get(r));
                if (item >= 0) {
                    recommended.set(item);
                }
                if (item == test && position < 0) {
                    position = r;
                }
            }
            if (task == Task.PERSONAL && contains(split.history(user), test)) {
                continue;
            }
            hits += RankMetrics.hitRateAt(position, k);
            ndcg += RankMetrics.ndcgAt(position, k);
        }
        int total = users;
        Map<String, Double> tiers = new TreeMap<>();
        tierCounts.forEach((tier, count) -> tiers.put(tier, (double) count / total));
        return new QualityReport(name, task, k, users, users == 0 ? 0 : hits / users, users == 0 ? 0 : ndcg / users,
                split.itemCount() == 0 ? 0 : (double) recommended.cardinality() / split.itemCount(), tiers,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static boolean contains(int[] items, int item) {
        for (int candidate : items) {
            if (candidate == item) {
                return true;
            }
        }
        return false;
    }

    /**
     * The list a shopper would see: the best {@code top.length} items not excluded, ties broken
     * by the lower item index (first seen in the input), so coverage is reproducible.
     */
    static int topK(double[] scores, int[] top) {
        int size = 0;
        double threshold = EXCLUDED;
        for (int item = 0; item < scores.length; item++) {
            double score = scores[item];
            if (score <= threshold && (size == top.length || score == EXCLUDED)) {
                continue;
            }
            int at = size == top.length ? size - 1 : size++;
            while (at > 0 && scores[top[at - 1]] < score) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = item;
            if (size == top.length) {
                threshold = scores[top[size - 1]];
            }
        }
        return size;
    }
}
