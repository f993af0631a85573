package io.nightshift.laptop.training;

import io.nightshift.laptop.sync.InteractionStore;

import java.util.Map;

/**
 * A new shop, without a validation split yet, or a catalog above the dense limit with the factor
 * model switched off: the sparse co-occurrence model ({@link Cooccurrence}) over the whole log. Its
 * neighbour lists are the model, and its popular list counts shoppers.
 */
final class CooccurrenceTrainer implements ModelTrainer {

    private final InteractionStore interactions;
    private final CooccurrenceParameters parameters;
    private final int popularSize;

    /** @param popularSize how many popular products the model keeps to fill short lists */
    CooccurrenceTrainer(InteractionStore interactions, CooccurrenceParameters parameters, int popularSize) {
        this.interactions = interactions;
        this.parameters = parameters;
        this.popularSize = popularSize;
    }

    @Override
    public RelatedItemsModel train(TrainingInput input) {
        Cooccurrence.Accumulator accumulator = new Cooccurrence(parameters).accumulator();
        interactions.forEachInteraction(accumulator::add);
        Cooccurrence.Result result = accumulator.finish(input.available(), popularSize);
        String version = input.versionFor().apply(Cooccurrence.FAMILY);
        return new RelatedItemsModel(version, Cooccurrence.FAMILY, input.trainedAt(), parameters.asLineage(), input.dataRange(),
                result.neighbours(), result.popular(), Map.of());
    }
}
