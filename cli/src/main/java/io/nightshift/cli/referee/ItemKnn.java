package io.nightshift.cli.referee;

import java.util.Arrays;

/**
 * Item-based nearest neighbours with shrunk cosine similarity on the binary user × item
 * training matrix: {@code sim(i, j) = |U_i ∩ U_j| / (sqrt(|U_i| |U_j|) + shrink)}, keeping each
 * item's {@code neighbours} most similar items. Related: the query's neighbours; personal: the
 * sum of similarities from the distinct history items.
 *
 * <p>Sparse throughout (co-counts are accumulated one item at a time in a reusable array), so
 * memory is O(items × neighbours + interactions), never items × items.
 */
public final class ItemKnn implements Scorer {

    public static final double DEFAULT_SHRINK = 10;
    public static final int DEFAULT_NEIGHBOURS = 100;

    private final int items;
    /** Neighbours of item i are {@code neighbour[start[i] .. start[i + 1])}, most similar first. */
    private final int[] start;
    private final int[] neighbour;
    private final double[] similarity;
    private final double shrink;
    private final int neighbours;

    private ItemKnn(int items, int[] start, int[] neighbour, double[] similarity, double shrink, int neighbours) {
        this.items = items;
        this.start = start;
        this.neighbour = neighbour;
        this.similarity = similarity;
        this.shrink = shrink;
        this.neighbours = neighbours;
    }

    public static ItemKnn fit(Split split) {
        return fit(split, DEFAULT_SHRINK, DEFAULT_NEIGHBOURS);
    }

    public static ItemKnn fit(Split split, double shrink, int neighbours) {
        int items = split.itemCount();
        int[][] itemsOfUser = new int[split.userCount()][];
        for (int user = 0; user < itemsOfUser.length; user++) {
            itemsOfUser[user] = Arrays.stream(split.history(user)).distinct().toArray();
        }
        int[][] usersOfItem = transpose(itemsOfUser, items);
        double[] norm = new double[items];
        for (int i = 0; i < items; i++) {
            norm[i] = Math.sqrt(usersOfItem[i].length);
        }
        int[] start = new int[items + 1];
        int[] neighbour = new int[items * Math.min(neighbours, Math.max(items - 1, 0))];
        double[] similarity = new double[neighbour.length];
        double[] co = new double[items];
        int[] touched = new int[items];
        int filled = 0;
        for (int i = 0; i < items; i++) {
            int touchedCount = 0;
            for (int user : usersOfItem[i]) {
                for (int j : itemsOfUser[user]) {
                    if (j == i) {
                        continue;
                    }
                    if (co[j] == 0) {
                        touched[touchedCount++] = j;
                    }
                    co[j]++;
                }
            }
            double[] sims = new double[touchedCount];
            for (int t = 0; t < touchedCount; t++) {
                int j = touched[t];
                sims[t] = co[j] / (norm[i] * norm[j] + shrink);
                co[j] = 0;
            }
            start[i] = filled;
            filled += best(touched, sims, touchedCount, neighbours, neighbour, similarity, filled);
        }
        start[items] = filled;
        return new ItemKnn(items, start, Arrays.copyOf(neighbour, filled), Arrays.copyOf(similarity, filled), shrink, neighbours);
    }

    /**
     * Writes the {@code limit} most similar candidates, most similar first (ties: lower item index
     * first) at {@code at}; returns how many. A bounded heap: O(n log limit), no boxing.
     */
    private static int best(int[] candidates, double[] sims, int count, int limit, int[] neighbour, double[] similarity, int at) {
        int kept = Math.min(limit, count);
        int[] heap = new int[kept]; // positions into candidates; the root is the worst kept
        int size = 0;
        for (int t = 0; t < count; t++) {
            if (size < kept) {
                heap[size] = t;
                siftUp(heap, size++, candidates, sims);
            } else if (better(t, heap[0], candidates, sims)) {
                heap[0] = t;
                siftDown(heap, size, candidates, sims);
            }
        }
        for (int r = kept - 1; r >= 0; r--) {
            int worst = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, candidates, sims);
            neighbour[at + r] = candidates[worst];
            similarity[at + r] = sims[worst];
        }
        return kept;
    }

    private static boolean better(int a, int b, int[] candidates, double[] sims) {
        return sims[a] != sims[b] ? sims[a] > sims[b] : candidates[a] < candidates[b];
    }

    private static void siftUp(int[] heap, int index, int[] candidates, double[] sims) {
        while (index > 0) {
            int parent = (index - 1) / 2;
            if (!better(heap[parent], heap[index], candidates, sims)) {
                return;
            }
            swap(heap, parent, index);
            index = parent;
        }
    }

    private static void siftDown(int[] heap, int size, int[] candidates, double[] sims) {
        int index = 0;
        while (true) {
            int worst = index;
            int left = 2 * index + 1;
            int right = left + 1;
            if (left < size && better(heap[worst], heap[left], candidates, sims)) {
                worst = left;
            }
            if (right < size && better(heap[worst], heap[right], candidates, sims)) {
                worst = right;
            }
            if (worst == index) {
                return;
            }
            swap(heap, worst, index);
            index = worst;
        }
    }

    private static void swap(int[] heap, int a, int b) {
        int tmp = heap[a];
        heap[a] = heap[b];
        heap[b] = tmp;
    }

    private static int[][] transpose(int[][] itemsOfUser, int items) {
        int[] counts = new int[items];
        for (int[] row : itemsOfUser) {
            for (int item : row) {
                counts[item]++;
            }
        }
        int[][] usersOfItem = new int[items][];
        for (int i = 0; i < items; i++) {
            usersOfItem[i] = new int[counts[i]];
        }
        int[] filled = new int[items];
        for (int user = 0; user < itemsOfUser.length; user++) {
            for (int item : itemsOfUser[user]) {
                usersOfItem[item][filled[item]++] = user;
            }
        }
        return usersOfItem;
    }

    @Override
    public String name() {
        return "itemknn";
    }

    @Override
    public void related(int query, double[] scores) {
        Arrays.fill(scores, 0, items, 0);
        for (int n = start[query]; n < start[query + 1]; n++) {
            scores[neighbour[n]] = similarity[n];
        }
    }

    @Override
    public void personal(int[] history, double[] scores) {
        Arrays.fill(scores, 0, items, 0);
        for (int item : Arrays.stream(history).distinct().toArray()) {
            for (int n = start[item]; n < start[item + 1]; n++) {
                scores[neighbour[n]] += similarity[n];
            }
        }
    }

    @Override
    public String toString() {
        return "ItemKNN cosine (shrink " + shrink + ", " + neighbours + " neighbours)";
    }
}
