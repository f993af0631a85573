package io.nightshift.laptop.models;

import java.util.List;
import java.util.Map;

/**
 * ItemKNN blended with a popularity prior ({@link BlendScorer}): for shops with few products and
 * many repeat buyers (groceries), where popularity alone is hard to beat and the neighbours alone
 * fall just short of it, a share {@code w} of popularity breaks the neighbours' near-ties and
 * fills the lists of items with few neighbours. The item-item part is always ItemKNN's sparse rows
 * ({@link SparseItemKnn}): product-page lists are read row by row, and memory grows with the kept
 * neighbours, not with n².
 */
public final class Blend implements ModelFamily<Blend.Parameters> {

    public static final String NAME = "blend";

    /**
     * @param prior      the popularity prior's share {@code w} in [0, 1]
     * @param shrink     ItemKNN's cosine shrinkage
     * @param neighbours ItemKNN's predictors kept per item
     */
    public record Parameters(float prior, float shrink, int neighbours) implements Hyperparameters {

        @Override
        public Map<String, String> asLineage() {
            return Map.of("prior", Float.toString(prior), "shrink", Float.toString(shrink), "neighbours", Integer.toString(neighbours));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** ItemKNN's sparse rows ({@link SparseKnnMemory}) plus the prior and its order (and the boxed sort that makes it). */
    @Override
    public MemoryEstimate estimate(int itemCount, int[][] train, Parameters parameters) {
        return SparseKnnMemory.estimate(itemCount, train, parameters.neighbours())
                .plus(new MemoryEstimate(32L * itemCount, 0));
    }

    /**
     * The middle share first; ItemKNN's usual shrinkage and neighbours. On Groceries validation favours
     * the larger shares (the neighbours add little to popularity there), on shop data the smaller.
     */
    @Override
    public List<Parameters> grid(int itemCount, int[][] train) {
        return List.of(new Parameters(0.5f, 10, 100), new Parameters(0.3f, 10, 100), new Parameters(0.7f, 10, 100),
                new Parameters(0.9f, 10, 100));
    }

    @Override
    public Parameters fromLineage(Map<String, String> lineage) {
        return new Parameters(Float.parseFloat(lineage.getOrDefault("prior", "0.5")),
                Float.parseFloat(lineage.getOrDefault("shrink", "10")), Integer.parseInt(lineage.getOrDefault("neighbours", "100")));
    }

    @Override
    public ItemScorer train(int itemCount, int[][] train, Parameters parameters) {
        return new BlendScorer(SparseItemKnn.train(itemCount, train, parameters.shrink(), parameters.neighbours()),
                Popularity.usersPerItem(itemCount, train), parameters.prior());
    }
}
