package io.nightshift.cli.referee;

/**
 * A model under evaluation: scores every catalog item (by index in the {@link Split}); higher
 * is better, equal scores are ties. Implementations overwrite the whole array with finite scores.
 */
public interface Scorer {

    String name();

    /** The related task: scores given only the query item. */
    void related(int query, double[] scores);

    /** The personal task: scores given the user's training history, oldest first. */
    void personal(int[] history, double[] scores);
}
