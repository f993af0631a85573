package io.nightshift.laptop.training;

import io.nightshift.laptop.models.BprFactors;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.NightlyJobConfiguration;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.sync.InteractionStore;
import io.nightshift.schemas.result.ScoredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Trains the run's candidate and saves it in the local store under a new version id, which it
 * leaves in the job's context for the steps after it. Which trainer makes it depends on the data
 * and the memory: with a validation split, whatever the catalog's size, the families selection
 * measures ({@link SelectionTrainer}; above the dense cap those that hold no {@code n x n} matrix:
 * the item-item families as sparse rows, the blend, popularity, implicit ALS and the BPR factor
 * model), so every published family was measured on validation. When none of them fits the memory,
 * or above the cap without a validation split, the factor model ({@link FactorTrainer}, unless
 * switched off or too large itself), otherwise the sparse co-occurrence model
 * ({@link CooccurrenceTrainer}), which is also a new shop's model (no validation split yet). The
 * version's lineage names each family skipped for memory and why.
 */
class TrainModelTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(TrainModelTasklet.class);
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final InteractionStore interactions;
    private final ModelStore models;
    private final Trainers trainers;
    private final int popularSize;
    private final List<String> topics;
    private final RunReporter reporter;
    private final HeavyWork heavyWork;
    private final Clock clock;

    /**
     * @param popularSize popular products kept per model: enough to fill any list even when all its neighbours are popular too
     * @param topics      the topics whose offsets make the lineage's data range
     */
    TrainModelTasklet(InteractionStore interactions, ModelStore models, Trainers trainers, int popularSize, List<String> topics,
                      RunReporter reporter, HeavyWork heavyWork, Clock clock) {
        this.interactions = interactions;
        this.models = models;
        this.trainers = trainers;
        this.popularSize = popularSize;
        this.topics = topics;
        this.reporter = reporter;
        this.heavyWork = heavyWork;
        this.clock = clock;
    }

    /**
     * The three ways of training, and when each applies.
     *
     * @param factors null when the factor model is switched off as the fallback (the sparse co-occurrence model then takes
     *                what selection cannot)
     */
    record Trainers(SelectionTrainer selection, FactorTrainer factors, CooccurrenceTrainer cooccurrence, int maxDenseItems) {

        RelatedItemsModel train(TrainingInput input) {
            Dataset data = input.data();
            Map<String, String> skipped = new TreeMap<>();
            if (selection.applies(data)) {
                Optional<RelatedItemsModel> selected = selection.train(input, skipped);
                if (selected.isPresent()) {
                    return selected.get();
                }
            } else if (data.itemCount() <= maxDenseItems || factors == null) {
                return cooccurrence.train(input);
            }
            if (factors != null) {
                Optional<String> shortfall = factors.shortfall(data);
                if (shortfall.isEmpty()) {
                    return factors.train(input).withNotes(skipped);
                }
                log.warn("the factor model does not fit the memory either ({}): training the sparse co-occurrence model", shortfall.get());
                skipped.put(PersonalConfiguration.SKIPPED + BprFactors.NAME, shortfall.get());
            }
            // The sparse model's memory follows the co-occurring pairs, not the catalog: the last resort, always trained.
            return cooccurrence.train(input).withNotes(skipped);
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        Map<String, String> catalog = interactions.availableProducts();
        if (catalog.isEmpty()) {
            throw new IllegalStateException("the local store has no available product: nothing to recommend. "
                    + "Is the catalog on shop.catalog.v1 empty?");
        }
        heavyWork.awaitConditions(step, 0, 1);
        reporter.progress(step, 0, 1);
        List<ScoredItem> popular = popular(popularSize);
        Dataset data = LocalData.load(interactions);
        Instant now = clock.instant();
        TrainingInput input = new TrainingInput(data, catalog.keySet(), popular, interactions.dataRange(topics), now,
                family -> newVersion(now, family));
        RelatedItemsModel model = trainers.train(input);
        models.save(model);
        step.getJobExecution().getExecutionContext().putString(NightlyJobConfiguration.MODEL_VERSION, model.version());
        contribution.incrementWriteCount(1);
        reporter.progress(step, 1, 1);
        log.info("trained {}: {} products with neighbours, {} available", model.version(), model.neighbours().size(), catalog.size());
        return RepeatStatus.FINISHED;
    }

    private List<ScoredItem> popular(int size) {
        List<ScoredItem> counts = interactions.popular(size);
        double most = counts.stream().mapToDouble(ScoredItem::score).max().orElse(1.0);
        return counts.stream().map(item -> new ScoredItem(item.productId(), most > 0 ? item.score() / most : 0.0)).toList();
    }

    private String newVersion(Instant time, String family) {
        String version = versionAt(time, family);
        // Version ids have one-second resolution: two runs within a second must still get two versions.
        while (models.exists(version)) {
            time = time.plusSeconds(1);
            version = versionAt(time, family);
        }
        return version;
    }

    private static String versionAt(Instant time, String family) {
        return "v" + VERSION_TIME.format(time) + "-" + family;
    }
}
