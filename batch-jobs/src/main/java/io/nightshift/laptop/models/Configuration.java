package io.nightshift.laptop.models;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A family with one set of its parameters: what selection tries, what a version is trained with,
 * and what the gate and scoreShoppers train again.
 */
public record Configuration<P extends Hyperparameters>(ModelFamily<P> family, P parameters) {

    /** Every point of the family's grid. */
    public static <P extends Hyperparameters> List<Configuration<P>> grid(ModelFamily<P> family, int itemCount, int[][] train) {
        return family.grid(itemCount, train).stream().map(parameters -> new Configuration<>(family, parameters)).toList();
    }

    /** The configuration a version's lineage recorded for this family. */
    public static <P extends Hyperparameters> Configuration<P> fromLineage(ModelFamily<P> family, Map<String, String> lineage) {
        return new Configuration<>(family, family.fromLineage(lineage));
    }

    public String name() {
        return family.name();
    }

    /** The peak memory of training and scoring this configuration ({@link ModelFamily#estimate}). */
    public MemoryEstimate estimate(int itemCount, int[][] train) {
        return family.estimate(itemCount, train, parameters);
    }

    /** The floating-point operations of training this configuration ({@link ModelFamily#trainingOperations}). */
    public double trainingOperations(int itemCount, int[][] train) {
        return family.trainingOperations(itemCount, train, parameters);
    }

    public ItemScorer train(int itemCount, int[][] train) {
        return family.train(itemCount, train, parameters);
    }

    /** Same family (by name: families are not value objects) and same parameters. */
    public boolean sameAs(Configuration<?> other) {
        return name().equals(other.name()) && parameters.equals(other.parameters);
    }

    @Override
    public String toString() {
        return name() + new TreeMap<>(parameters.asLineage());
    }
}
