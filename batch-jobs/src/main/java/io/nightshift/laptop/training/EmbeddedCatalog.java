package io.nightshift.laptop.training;

import io.nightshift.laptop.models.Embeddings;
import io.nightshift.schemas.result.ScoredItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A factor model's item embeddings with the product ids of their rows and which products were
 * available when it was trained: what scoreCatalog and the fresh-request worker score products
 * with when the model carries no neighbour lists. Holds native memory: close it.
 */
public final class EmbeddedCatalog implements AutoCloseable {

    private final List<String> products;
    private final Map<String, Integer> rows;
    private final boolean[] available;
    private final Embeddings embeddings;

    EmbeddedCatalog(List<String> products, boolean[] available, Embeddings embeddings) {
        if (products.size() != embeddings.itemCount() || available.length != products.size()) {
            throw new IllegalArgumentException(products.size() + " product ids and " + available.length + " availability flags for "
                    + embeddings.itemCount() + " embedding rows");
        }
        this.products = List.copyOf(products);
        this.available = available.clone();
        this.embeddings = embeddings;
        this.rows = new HashMap<>(products.size() * 2);
        for (int i = 0; i < products.size(); i++) {
            rows.put(products.get(i), i);
        }
    }

    /**
     * Each product's {@code size} most similar available products, best first, never itself: the
     * products' rows as one block against all rows in column blocks, a streaming top-K. Only
     * positive similarity counts as evidence; a product with no row (nobody had it) gets no entry.
     */
    public Map<String, List<ScoredItem>> neighbours(List<String> productIds, int size) {
        List<String> known = new ArrayList<>(productIds.size());
        List<Integer> indices = new ArrayList<>(productIds.size());
        for (String product : productIds) {
            Integer row = rows.get(product);
            if (row != null) {
                known.add(product);
                indices.add(row);
            }
        }
        Map<String, List<ScoredItem>> lists = new LinkedHashMap<>();
        if (known.isEmpty()) {
            return lists;
        }
        int[] queryRows = indices.stream().mapToInt(Integer::intValue).toArray();
        int[][] self = new int[queryRows.length][];
        for (int r = 0; r < queryRows.length; r++) {
            self[r] = new int[]{queryRows[r]};
        }
        Embeddings.Top top = embeddings.topK(embeddings.rows(queryRows), queryRows.length, size, available, self);
        for (int r = 0; r < queryRows.length; r++) {
            List<ScoredItem> list = new ArrayList<>(size);
            for (int c = 0; c < size && top.index(r, c) >= 0; c++) {
                if (top.value(r, c) > 0) {
                    list.add(new ScoredItem(products.get(top.index(r, c)), top.value(r, c)));
                }
            }
            if (!list.isEmpty()) {
                lists.put(known.get(r), list);
            }
        }
        return lists;
    }

    /**
     * The embedding table, for scoring shoppers on the data the model was trained on: its rows must
     * be {@code items}, in that order. Fails when they are not (the local store changed since
     * trainModel): scores would land on the wrong products.
     */
    public Embeddings table(List<String> items) {
        if (!products.equals(items)) {
            throw new IllegalStateException("the embeddings' " + products.size() + " rows are not the " + items.size()
                    + " products of the local store's interactions; run the job anew so trainModel trains on them");
        }
        return embeddings;
    }

    /** Per row, whether the product was available when the model was trained. */
    public boolean[] availability() {
        return available.clone();
    }

    @Override
    public void close() {
        embeddings.close();
    }
}
