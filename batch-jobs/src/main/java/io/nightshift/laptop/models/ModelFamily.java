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

    /**
     * The peak memory of training this configuration on {@code itemCount} items and {@code interactions}
     * interactions and scoring with it (evaluation, neighbour lists, "for you" lists), worked out from
     * the arrays the family allocates, so a run can skip what would not fit before it allocates anything.
     */
    MemoryEstimate estimate(int itemCount, long interactions, P parameters);

    ItemScorer train(int itemCount, int[][] train, P parameters);

    /**
     * The parameters a version's lineage recorded ({@link Hyperparameters#asLineage}), read back so
     * a stored model's configuration can be trained again; a missing name takes the family's default.
     */
    P fromLineage(Map<String, String> lineage);
}
