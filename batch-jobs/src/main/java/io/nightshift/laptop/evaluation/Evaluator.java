package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.ItemScorer;

import java.util.ArrayList;
import java.util.List;

/**
 * Full-ranking HR@10 / NDCG@10 over a {@link LeaveLastOut} split. Ties count at their expectation:
 * with {@code g} items scoring higher than the target and {@code t} others scoring the same,
 * each position {@code g..g+t} is equally likely, which keeps popularity-like scores honest.
 */
public final class Evaluator {

    public static final int CUTOFF = 10;

    private Evaluator() {
    }

    public static Metrics evaluate(ItemScorer scorer, LeaveLastOut split, Task task) {
        // Similar history lengths side by side: the dense scorer pads each block to its longest input.
        List<LeaveLastOut.Case> cases = split.cases().stream()
                .sorted(java.util.Comparator.comparingInt(c -> c.history().length)).toList();
        if (cases.isEmpty()) {
            return new Metrics(0, 0, 0);
        }
        int n = scorer.itemCount();
        int block = scorer.blockSize();
        double hits = 0;
        double gains = 0;
        for (int from = 0; from < cases.size(); from += block) {
            List<LeaveLastOut.Case> slice = cases.subList(from, Math.min(cases.size(), from + block));
            List<int[]> inputs = new ArrayList<>(slice.size());
            for (LeaveLastOut.Case c : slice) {
                inputs.add(inputOf(c, task));
            }
            float[] scores = scorer.score(inputs);
            for (int k = 0; k < slice.size(); k++) {
                LeaveLastOut.Case c = slice.get(k);
                int[] excluded = inputs.get(k);
                if (task == Task.PERSONAL && contains(excluded, c.target())) {
                    continue; // recommending a product already in the history is not allowed: a miss
                }
                double[] result = rankGain(scores, k * n, n, c.target(), excluded);
                hits += result[0];
                gains += result[1];
            }
        }
        return new Metrics(hits / cases.size(), gains / cases.size(), cases.size());
    }

    /** Related: the last training item alone. Personal: the distinct items of the history. */
    static int[] inputOf(LeaveLastOut.Case c, Task task) {
        if (task == Task.RELATED) {
            return new int[]{c.history()[c.history().length - 1]};
        }
        return distinctMostRecentLast(c.history());
    }

    /**
     * A history as a personal-task input: its distinct items in order of their last occurrence,
     * the most recent last (recency-weighted scorers rely on it).
     */
    public static int[] distinctMostRecentLast(int[] history) {
        java.util.LinkedHashSet<Integer> distinct = new java.util.LinkedHashSet<>();
        for (int item : history) {
            distinct.remove(item);
            distinct.add(item);
        }
        return distinct.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {hit, gain} of one case, expected over the ties. */
    static double[] rankGain(float[] scores, int offset, int n, int target, int[] excluded) {
        float mine = target < n ? scores[offset + target] : Float.NEGATIVE_INFINITY;
        if (Float.isNaN(mine)) {
            mine = Float.NEGATIVE_INFINITY;
        }
        int higher = 0;
        int ties = 0;
        for (int i = 0; i < n; i++) {
            if (i == target) {
                continue;
            }
            float s = scores[offset + i];
            if (s > mine) {
                higher++;
            } else if (s == mine) {
                ties++;
            }
        }
        for (int e : excluded) {
            if (e == target || e >= n) {
                continue;
            }
            float s = scores[offset + e];
            if (s > mine) {
                higher--;
            } else if (s == mine) {
                ties--;
            }
        }
        if (higher >= CUTOFF) {
            return new double[]{0, 0};
        }
        double hit = 0;
        double gain = 0;
        for (int position = higher; position <= higher + ties && position < CUTOFF; position++) {
            hit += 1;
            gain += 1 / (Math.log(position + 2) / Math.log(2));
        }
        return new double[]{hit / (ties + 1), gain / (ties + 1)};
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
