package io.nightshift.laptop.models;

import java.util.List;
import java.util.Map;

/**
 * A kind of model with its hyper-parameter grid. Training is deterministic: the same
 * training data and parameters give the same scorer.
 *
 * @param <P> the family's hyper-parameters
 */
public interface ModelFamily<P extends Hyperparameters> {

    String name();

    /** The parameter sets model selection tries, most promising first (the time budget may cut the rest). */
    List<P> grid(int itemCount, int[][] train);

    /** Whether the family can be trained on this many items at all (dense families have a limit). */
    default boolean fits(int itemCount) {
        return true;
    }

    ItemScorer train(int itemCount, int[][] train, P parameters);

    /**
     * The parameters a version's lineage recorded ({@link Hyperparameters#asLineage}), read back so
     * a stored model's configuration can be trained again; a missing name takes the family's default.
     */
    P fromLineage(Map<String, String> lineage);
}
