package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.models.BprFactors;
import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Families;
import io.nightshift.laptop.models.ItemKnn;
import io.nightshift.laptop.models.MemoryBudget;
import io.nightshift.laptop.models.ModelFamily;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The families this laptop may train, from its settings, how a stored model's configuration is
 * trained again, and how much memory a model may take right now.
 */
public final class Candidates {

    private final Families.Settings settings;
    private final int maxDenseItems;
    private final LaptopProperties.Memory memory;

    /** With the BPR factor model's default parameters. */
    public Candidates(LaptopProperties.Selection selection, LaptopProperties.Memory memory) {
        this(selection, memory, BprFactors.DEFAULTS, BprFactors.DEFAULT_BUDGET);
    }

    /** With the BPR factor model's parameters from {@code nightshift.laptop.factors}. */
    public Candidates(LaptopProperties.Selection selection, LaptopProperties.Memory memory, LaptopProperties.Factors factors) {
        this(selection, memory, new BprFactors.Parameters(factors.dimensions(), factors.epochs(), factors.learningRate(), factors.l2(),
                factors.window()), factors.budget());
    }

    private Candidates(LaptopProperties.Selection selection, LaptopProperties.Memory memory, BprFactors.Parameters bpr, Duration bprBudget) {
        // A started trial runs to its end whatever the selection budget: a BPR trial (tried last, minutes per epoch on
        // large catalogs on a CPU) starts no epoch after a quarter of the selection budget, so the run stays near its budget.
        Duration quarter = selection.budget().dividedBy(4);
        Duration budget = bprBudget.compareTo(quarter) < 0 ? bprBudget : quarter;
        this.settings = new Families.Settings(new HashSet<>(selection.families()), selection.maxDenseItems(),
                selection.easeLambdas().stream().mapToDouble(Double::doubleValue).toArray(), selection.seed(), selection.epochs(),
                bpr, budget);
        this.maxDenseItems = selection.maxDenseItems();
        this.memory = memory;
    }

    /** What one model may take now (measured on each call: what is free changes as the run goes). */
    public MemoryBudget memory() {
        return MemoryBudget.ofThisProcess(memory.heapLimitBytes(), memory.nativeLimitBytes(), memory.margin());
    }

    /** Why the configuration cannot be trained on this data within {@link #memory()}; empty when it can. */
    public Optional<String> shortfall(Configuration<?> configuration, Dataset data) {
        if (!configuration.family().takes(data.itemCount())) {
            return Optional.of("a dense model cannot hold " + data.itemCount() + " items");
        }
        return memory().shortfall(configuration.estimate(data.itemCount(), data.sequences()));
    }

    List<ModelFamily<?>> enabled() {
        return Families.all(settings);
    }

    int maxDenseItems() {
        return maxDenseItems;
    }

    /**
     * The family and parameters that reproduce a stored model on other data. The sparse
     * co-occurrence model is cosine ItemKNN with the same shrinkage and neighbour count.
     */
    Optional<Configuration<?>> configurationOf(RelatedItemsModel model) {
        if (Cooccurrence.FAMILY.equals(model.family())) {
            return Families.byName(ItemKnn.NAME, settings).map(family -> Configuration.fromLineage(family, Map.of(
                    "shrink", model.parameters().getOrDefault("shrinkage", "10"),
                    "neighbours", model.parameters().getOrDefault("neighbours", "50"))));
        }
        return Families.byName(model.family(), settings)
                .map(family -> Configuration.fromLineage(family, PersonalConfiguration.related(model.parameters())));
    }

    /** The configuration that made the model's "for you" lists: its own when it names none. */
    public Optional<Configuration<?>> personalConfigurationOf(RelatedItemsModel model) {
        var personal = PersonalConfiguration.personal(model.parameters());
        if (personal.isEmpty()) {
            return configurationOf(model);
        }
        return Families.byName(personal.get().getKey(), settings)
                .map(family -> Configuration.fromLineage(family, personal.get().getValue()));
    }
}
