package io.nightshift.laptop.models;

/**
 * A model whose product-page lists come from item embeddings: a block of items' rows scored against
 * the whole catalog a column block at a time ({@link Embeddings#topK}), so nothing of size
 * {@code n x n}, nor a row of n scores per item, is ever held.
 */
public interface BlockNeighbours {

    /**
     * For each of {@code items}, its {@code size} best allowed items, never itself, best first; a row
     * with fewer allowed items ends in {@code -1} / {@code -inf}.
     */
    Embeddings.Top neighbours(int[] items, int size, boolean[] allowed);
}
