package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.models.BprFactors;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Embeddings;
import io.nightshift.laptop.models.MemoryBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Above the dense limit: the factor model ({@link BprFactors}). Its embeddings go to a file in the
 * data folder and the model carries no neighbour lists: scoreCatalog and scoreShoppers compute the
 * lists from the embeddings in blocks.
 */
final class FactorTrainer implements ModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(FactorTrainer.class);

    private final EmbeddingFiles embeddingFiles;
    private final LaptopProperties.Factors factors;
    private final long seed;
    private final int maxDenseItems;
    private final Supplier<MemoryBudget> memory;

    FactorTrainer(EmbeddingFiles embeddingFiles, LaptopProperties.Factors factors, long seed, int maxDenseItems,
                  Supplier<MemoryBudget> memory) {
        this.embeddingFiles = embeddingFiles;
        this.factors = factors;
        this.seed = seed;
        this.maxDenseItems = maxDenseItems;
        this.memory = memory;
    }

    /** Why the factor model cannot be trained on this data in the memory free now; empty when it can. */
    Optional<String> shortfall(Dataset data) {
        BprFactors family = new BprFactors(seed, parameters(), factors.budget(), factors.columnBlock(), log::info);
        return memory.get().shortfall(family.estimate(data.itemCount(), data.sequences(), parameters()));
    }

    private BprFactors.Parameters parameters() {
        return new BprFactors.Parameters(factors.dimensions(), factors.epochs(), factors.learningRate(), factors.l2(), factors.window());
    }

    @Override
    public RelatedItemsModel train(TrainingInput input) {
        Dataset data = input.data();
        String version = input.versionFor().apply(BprFactors.NAME);
        BprFactors.Parameters parameters = parameters();
        BprFactors family = new BprFactors(seed, parameters, factors.budget(), factors.columnBlock(), log::info);
        String reference;
        try (Embeddings embeddings = family.train(data.itemCount(), data.sequences(), parameters)) {
            reference = embeddingFiles.save(version, data.items(), input.availableByIndex(), embeddings);
        }
        Map<String, String> lineage = new TreeMap<>(parameters.asLineage());
        lineage.put("seed", Long.toString(seed));
        log.info("trained {} on {} items (above the dense cap of {}, or no dense family fits the memory): {} x {} embeddings in {}",
                version, data.itemCount(), maxDenseItems, data.itemCount(), factors.dimensions(), reference);
        return new RelatedItemsModel(version, BprFactors.NAME, input.trainedAt(), lineage, input.dataRange(), Map.of(),
                input.popular(), Map.of("train.items", (double) data.itemCount()), reference);
    }
}
