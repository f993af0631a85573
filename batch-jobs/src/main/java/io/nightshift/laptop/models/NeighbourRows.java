package io.nightshift.laptop.models;

/**
 * A model whose product-page lists are read one item at a time, without a dense row of scores per
 * item: sparse rows ({@link SparseScorer}) and rows blended with a popularity prior ({@link BlendScorer}).
 */
public interface NeighbourRows {

    /**
     * Item {@code item}'s {@code k} best positive scores among the allowed columns, best first
     * (ties to the lower index), never the item itself: a product page's neighbour list.
     */
    SparseScorer.Top top(int item, int k, boolean[] allowed);
}
