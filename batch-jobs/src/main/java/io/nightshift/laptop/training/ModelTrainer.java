package io.nightshift.laptop.training;

/**
 * One way of making the run's model. {@link TrainModelTasklet} picks one by the shop's data: the
 * dense families chosen by validation ({@link SelectionTrainer}), the factor model above the dense
 * limit ({@link FactorTrainer}), or the sparse co-occurrence model for a shop without a validation
 * split yet ({@link CooccurrenceTrainer}).
 */
interface ModelTrainer {

    /** The trained model, ready to be saved; its lists are made by the scoring steps after the gate. */
    RelatedItemsModel train(TrainingInput input);
}
