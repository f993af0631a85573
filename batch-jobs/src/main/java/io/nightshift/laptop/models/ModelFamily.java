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
     * The peak memory of training this configuration on these histories and scoring with it
     * (evaluation, neighbour lists, "for you" lists), worked out from the arrays the family allocates,
     * so a run can skip what would not fit before it allocates anything. It takes what {@link #train}
     * takes because a family may build its model differently by the data's shape.
     */
    MemoryEstimate estimate(int itemCount, int[][] train, P parameters);

    /**
     * Whether the family's model can be built for this many items at all, whatever the memory: a
     * dense {@code n x n} model lives in one Java array, which caps n near 46,000, and the dense-only
     * families stop at the laptop's dense limit.
     */
    default boolean takes(int itemCount) {
        return true;
    }

    /**
     * The floating-point operations training this configuration takes, for a family whose training is
     * dense kernels that cannot be stopped once they run (EASE's cubic inverse, the autoencoder's
     * epochs over n-wide batches), so selection does not start a trial that would outlast its budget;
     * 0 for a family whose training the budget already bounds or that grows with the interactions only.
     */
    default double trainingOperations(int itemCount, int[][] train, P parameters) {
        return 0;
    }

    ItemScorer train(int itemCount, int[][] train, P parameters);

    /**
     * The parameters a version's lineage recorded ({@link Hyperparameters#asLineage}), read back so
     * a stored model's configuration can be trained again; a missing name takes the family's default.
     */
    P fromLineage(Map<String, String> lineage);
}
