package io.nightshift.laptop.models;

import java.util.List;

/**
 * A trained model as the evaluation and the scoring see it: the scores of every item for a
 * few inputs (an input is a set of item indices: one query item, or a user's history).
 * Implementations may hold native (DJL) memory: close them.
 */
public interface ItemScorer extends AutoCloseable {

    /** Scores per {@link #score} block unless a scorer says otherwise: 16 MB. */
    int DEFAULT_BLOCK_SCORES = 4_000_000;

    int itemCount();

    /**
     * Scores of every item for each input, row-major ({@code inputs.size() x itemCount()}).
     * Items of the input itself may get any score: callers exclude them.
     */
    float[] score(List<int[]> inputs);

    /** How many inputs one {@link #score} call should take, to bound memory. */
    default int blockSize() {
        return Math.max(1, DEFAULT_BLOCK_SCORES / Math.max(1, itemCount()));
    }

    /** Heap of one {@link #score} block of the default size: at most {@code interactions} inputs (every input has an item). */
    static long defaultBlockBytes(int itemCount, long interactions) {
        return Math.min(interactions, Math.max(1, DEFAULT_BLOCK_SCORES / Math.max(1, itemCount))) * itemCount * MemoryEstimate.FLOAT;
    }

    @Override
    default void close() {
    }
}
