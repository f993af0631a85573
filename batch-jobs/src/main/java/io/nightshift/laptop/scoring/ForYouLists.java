package io.nightshift.laptop.scoring;

import io.nightshift.laptop.evaluation.Evaluator;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Embeddings;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.models.SparseScorer;
import io.nightshift.schemas.result.ScoredItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Every shopper's "for you" list from the model chosen for that task: the model's scores for the
 * shopper's whole history (as the offline evaluation scores it, so what is served is what was
 * measured), without what the shopper already has and without unavailable products.
 *
 * <p>Shoppers are scored a block at a time and each block is handed to the sink, so memory is one
 * block of scores whatever the number of shoppers.
 */
final class ForYouLists {

    /** Shoppers handed to the sink at a time by the sparse variant. */
    private static final int SINK_BLOCK = 1000;
    /** Shoppers per block of the factor variant: 256 x a 100 k column block is 100 MB of scores. */
    private static final int EMBEDDING_BLOCK = 256;

    private ForYouLists() {
    }

    /**
     * @param available per item index, whether the product may be recommended
     * @param size      items per list
     * @param sink      receives each block's lists (shopper key to list, best first)
     * @return how many lists were made
     */
    static long compute(ItemScorer scorer, Dataset data, boolean[] available, int size, Consumer<Map<String, List<ScoredItem>>> sink) {
        if (scorer instanceof SparseScorer sparse) {
            return fromSparseRows(sparse, data, available, size, sink);
        }
        int n = scorer.itemCount();
        // Similar history lengths side by side: the dense scorer pads each block to its longest input.
        int[] order = IntStream.range(0, data.sequences().length)
                .boxed()
                .sorted(Comparator.comparingInt(row -> data.sequences()[row].length))
                .mapToInt(Integer::intValue)
                .toArray();
        long made = 0;
        for (int from = 0; from < order.length; from += scorer.blockSize()) {
            int to = Math.min(order.length, from + scorer.blockSize());
            List<int[]> inputs = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                inputs.add(Evaluator.distinctMostRecentLast(data.sequences()[order[k]]));
            }
            float[] scores = scorer.score(inputs);
            Map<String, List<ScoredItem>> block = new LinkedHashMap<>();
            for (int k = 0; k < inputs.size(); k++) {
                List<ScoredItem> list = top(scores, k * n, n, inputs.get(k), available, size, data.items());
                if (!list.isEmpty()) {
                    block.put(data.users().get(order[from + k]), list);
                }
            }
            sink.accept(block);
            made += block.size();
        }
        return made;
    }

    /**
     * {@link #compute} for a model held as sparse rows: the same lists, but each shopper's scores
     * are summed over the columns their history's rows touch, so the cost is the kept entries, not
     * a row of n scores per shopper.
     */
    private static long fromSparseRows(SparseScorer scorer, Dataset data, boolean[] available, int size,
                                       Consumer<Map<String, List<ScoredItem>>> sink) {
        SparseScorer.Personal personal = scorer.new Personal();
        long made = 0;
        Map<String, List<ScoredItem>> block = new LinkedHashMap<>();
        for (int row = 0; row < data.sequences().length; row++) {
            SparseScorer.Top top = personal.top(Evaluator.distinctMostRecentLast(data.sequences()[row]), size, available);
            List<ScoredItem> list = new ArrayList<>(top.items().length);
            for (int c = 0; c < top.items().length; c++) {
                list.add(new ScoredItem(data.items().get(top.items()[c]), top.scores()[c]));
            }
            if (!list.isEmpty()) {
                block.put(data.users().get(row), list);
            }
            if (block.size() >= SINK_BLOCK) {
                made += flush(block, sink);
            }
        }
        return made + flush(block, sink);
    }

    /**
     * The sparse variant for catalogs too large for a dense model: a shopper's list sums the
     * stored neighbour lists of their most recent {@code maxHistory} distinct products (ItemKNN's
     * personal score over the kept neighbours), so memory is one shopper's candidates at a time.
     *
     * @param available products that may be recommended
     * @return how many lists were made
     */
    static long fromNeighbours(Map<String, List<ScoredItem>> neighbours, Dataset data, Set<String> available, int size,
                               int maxHistory, Consumer<Map<String, List<ScoredItem>>> sink) {
        long made = 0;
        Map<String, List<ScoredItem>> block = new LinkedHashMap<>();
        for (int row = 0; row < data.sequences().length; row++) {
            int[] history = Evaluator.distinctMostRecentLast(data.sequences()[row]);
            Set<String> owned = new HashSet<>();
            for (int item : history) {
                owned.add(data.items().get(item));
            }
            Map<String, Double> scores = new HashMap<>();
            for (int k = Math.max(0, history.length - maxHistory); k < history.length; k++) {
                for (ScoredItem neighbour : neighbours.getOrDefault(data.items().get(history[k]), List.of())) {
                    if (!owned.contains(neighbour.productId()) && available.contains(neighbour.productId())) {
                        scores.merge(neighbour.productId(), neighbour.score(), Double::sum);
                    }
                }
            }
            List<ScoredItem> list = scores.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(size)
                    .map(e -> new ScoredItem(e.getKey(), e.getValue()))
                    .toList();
            if (!list.isEmpty()) {
                block.put(data.users().get(row), list);
            }
            if (block.size() >= SINK_BLOCK) {
                made += flush(block, sink);
            }
        }
        return made + flush(block, sink);
    }

    /**
     * The factor-model variant: a shopper's query is the sum of the embedding rows of their most
     * recent {@code maxHistory} distinct products; a block of shoppers is scored against all
     * products in column blocks with a streaming top-K ({@link Embeddings#topK}), so memory is
     * one block whatever the numbers of shoppers and products.
     *
     * @param available per item index, whether the product may be recommended
     * @return how many lists were made
     */
    static long fromEmbeddings(Embeddings embeddings, Dataset data, boolean[] available, int size, int maxHistory,
                               Consumer<Map<String, List<ScoredItem>>> sink) {
        int k = embeddings.dimensions();
        long made = 0;
        for (int from = 0; from < data.sequences().length; from += EMBEDDING_BLOCK) {
            int to = Math.min(data.sequences().length, from + EMBEDDING_BLOCK);
            float[] queries = new float[(to - from) * k];
            int[][] owned = new int[to - from][];
            for (int row = from; row < to; row++) {
                int[] history = Evaluator.distinctMostRecentLast(data.sequences()[row]);
                owned[row - from] = history;
                int[] recent = java.util.Arrays.copyOfRange(history, Math.max(0, history.length - maxHistory), history.length);
                float[] rows = embeddings.rows(recent);
                for (int i = 0; i < rows.length; i++) {
                    queries[(row - from) * k + i % k] += rows[i];
                }
            }
            Embeddings.Top top = embeddings.topK(queries, to - from, size, available, owned);
            Map<String, List<ScoredItem>> block = new LinkedHashMap<>();
            for (int r = 0; r < to - from; r++) {
                List<ScoredItem> list = new ArrayList<>(size);
                for (int c = 0; c < size && top.index(r, c) >= 0; c++) {
                    if (top.value(r, c) > 0) {
                        list.add(new ScoredItem(data.items().get(top.index(r, c)), top.value(r, c)));
                    }
                }
                if (!list.isEmpty()) {
                    block.put(data.users().get(from + r), list);
                }
            }
            made += flush(block, sink);
        }
        return made;
    }

    private static int flush(Map<String, List<ScoredItem>> block, Consumer<Map<String, List<ScoredItem>>> sink) {
        int size = block.size();
        if (size > 0) {
            sink.accept(Map.copyOf(block));
            block.clear();
        }
        return size;
    }

    /** The {@code size} best allowed items of one row, best first; ties go to the lower index. */
    static List<ScoredItem> top(float[] scores, int offset, int n, int[] history, boolean[] available, int size, List<String> items) {
        boolean[] owned = new boolean[n];
        for (int item : history) {
            owned[item] = true;
        }
        // Worst on top: lower score, then higher index.
        PriorityQueue<Integer> best = new PriorityQueue<>(size + 1, (a, b) -> {
            int byScore = Float.compare(scores[offset + a], scores[offset + b]);
            return byScore != 0 ? byScore : Integer.compare(b, a);
        });
        for (int i = 0; i < n; i++) {
            float score = scores[offset + i];
            if (owned[i] || !available[i] || !Float.isFinite(score)) {
                continue;
            }
            if (best.size() < size) {
                best.add(i);
            } else if (score > scores[offset + best.peek()]) {
                best.poll();
                best.add(i);
            }
        }
        List<ScoredItem> list = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            int i = best.poll();
            list.add(new ScoredItem(items.get(i), scores[offset + i]));
        }
        return list.reversed();
    }
}
