package io.nightshift.laptop.models;

import java.util.List;
import java.util.Map;

/**
 * A kind of model with its hyper-parameter grid. Training is deterministic: the same
 * training data and parameters give the same scorer.
 */
public interface ModelFamily {

    String name();

    /** The parameter sets model selection tries, most promising first (the time budget may cut the rest). */
    List<Map<String, String>> grid(int itemCount, int[][] train);

    /** Whether the family can be trained on this many items at all (dense families have a limit). */
    default boolean fits(int itemCount) {
        return true;
    }

    ItemScorer train(int itemCount, int[][] train, Map<String, String> parameters);
}
