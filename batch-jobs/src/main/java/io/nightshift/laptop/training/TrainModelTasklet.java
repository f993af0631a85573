package io.nightshift.laptop.training;

import io.nightshift.laptop.models.BprFactors;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.DenseScorer;
import io.nightshift.laptop.models.Embeddings;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.evaluation.LeaveLastOut;
import io.nightshift.laptop.models.ModelFamily;
import io.nightshift.laptop.evaluation.ModelSelection;
import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.scoring.UserLists;
import io.nightshift.laptop.sync.InteractionStore;
import io.nightshift.schemas.result.ScoredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the run's candidate and saves it in the local store under a new version id, which it
 * leaves in the job's context for the steps after it.
 *
 * <p>With enough history for a validation split and a catalog the dense families can hold, the
 * family and its parameters are chosen by validation NDCG@10 (each test user's second-to-last
 * item, never the test items), then the winner is trained again on all the data. Above the dense
 * limit the factor model is trained ({@link BprFactors}): its embeddings go to a file in the data
 * folder, the model carries no neighbour lists, and scoreCatalog computes them in blocks. A new
 * shop (no validation split yet) gets the sparse co-occurrence model.
 */
class TrainModelTasklet implements Tasklet {

    /** The job-context key under which the version being built travels from step to step. */
    static final String MODEL_VERSION = "modelVersion";
    private static final Logger log = LoggerFactory.getLogger(TrainModelTasklet.class);
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** Rows per top-K block: 1024 x 20k floats is 80 MB, whatever the catalog. */
    private static final int TOPK_BLOCK = 1024;

    private final InteractionStore interactions;
    private final ModelStore models;
    private final UserLists userLists;
    private final EmbeddingFiles embeddingFiles;
    private final LaptopProperties.Model settings;
    private final LaptopProperties.Factors factors;
    private final long seed;
    private final ModelParameters parameters;
    private final Candidates candidates;
    private final Duration budget;
    private final int maxValidationUsers;
    private final int listSize;
    private final List<String> topics;
    private final RunReporter reporter;
    private final HeavyWork heavyWork;
    private final Clock clock;

    TrainModelTasklet(InteractionStore interactions, ModelStore models, UserLists userLists, EmbeddingFiles embeddingFiles,
                      LaptopProperties properties, Candidates candidates, List<String> topics, RunReporter reporter,
                      HeavyWork heavyWork, Clock clock) {
        this.interactions = interactions;
        this.models = models;
        this.userLists = userLists;
        this.embeddingFiles = embeddingFiles;
        this.settings = properties.model();
        this.factors = properties.factors();
        this.seed = properties.selection().seed();
        this.parameters = ModelParameters.of(settings);
        this.candidates = candidates;
        this.budget = properties.selection().budget();
        this.maxValidationUsers = properties.selection().maxValidationUsers();
        this.listSize = settings.listSize();
        this.topics = topics;
        this.reporter = reporter;
        this.heavyWork = heavyWork;
        this.clock = clock;
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
        // Enough popular products to fill any list even when all its neighbours are popular too.
        List<ScoredItem> popular = popular(2 * listSize + 1);
        Dataset data = LocalData.load(interactions);
        boolean selectable = !LeaveLastOut.validation(data).cases().isEmpty()
                && data.itemCount() <= candidates.maxDenseItems()
                && candidates.enabled().stream().anyMatch(f -> f.fits(data.itemCount()));
        Instant now = clock.instant();
        boolean large = data.itemCount() > candidates.maxDenseItems() && factors.enabled();
        RelatedItemsModel model = large ? factorModel(data, catalog, popular, now)
                : selectable ? selected(data, catalog, popular, now) : cooccurrence(catalog, data, now);
        models.save(model);
        ExecutionContext job = step.getJobExecution().getExecutionContext();
        job.putString(MODEL_VERSION, model.version());
        contribution.incrementWriteCount(1);
        reporter.progress(step, 1, 1);
        log.info("trained {}: {} products with neighbours, {} available", model.version(), model.neighbours().size(), catalog.size());
        return RepeatStatus.FINISHED;
    }

    private RelatedItemsModel cooccurrence(Map<String, String> catalog, Dataset data, Instant now) {
        CooccurrenceTrainer.Accumulator accumulator = new CooccurrenceTrainer(parameters).accumulator();
        interactions.forEachInteraction(accumulator::add);
        CooccurrenceTrainer.Result result = accumulator.finish(catalog.keySet(), 2 * listSize + 1);
        String version = newVersion(now, CooccurrenceTrainer.FAMILY);
        if (settings.userLists()) {
            long made = ForYouLists.fromNeighbours(result.neighbours(), data, catalog.keySet(), listSize, settings.maxHistory(),
                    block -> userLists.saveAll(version, block));
            log.info("computed {} shoppers' \"for you\" lists for {} from the neighbour lists", made, version);
        }
        return new RelatedItemsModel(version, CooccurrenceTrainer.FAMILY, now, parameters.asLineage(),
                interactions.dataRange(topics), result.neighbours(), result.popular(), Map.of());
    }

    /** Above the dense limit: embeddings to a file, "for you" lists from them, and a model with no neighbour lists. */
    private RelatedItemsModel factorModel(Dataset data, Map<String, String> catalog, List<ScoredItem> popular, Instant now) {
        String version = newVersion(now, BprFactors.NAME);
        Map<String, String> parameters = BprFactors.parameters(factors.dimensions(), factors.epochs(), factors.learningRate(),
                factors.l2(), factors.window());
        BprFactors family = new BprFactors(seed, parameters, factors.budget(), factors.columnBlock(), log::info);
        boolean[] available = new boolean[data.itemCount()];
        for (int i = 0; i < available.length; i++) {
            available[i] = catalog.containsKey(data.items().get(i));
        }
        String reference;
        try (Embeddings embeddings = family.train(data.itemCount(), data.sequences(), parameters)) {
            reference = embeddingFiles.save(version, data.items(), available, embeddings);
            if (settings.userLists()) {
                long made = ForYouLists.fromEmbeddings(embeddings, data, available, listSize, settings.maxHistory(),
                        block -> userLists.saveAll(version, block));
                log.info("computed {} shoppers' \"for you\" lists for {} from the embeddings", made, version);
            }
        }
        Map<String, String> lineage = new TreeMap<>(parameters);
        lineage.put("seed", Long.toString(seed));
        log.info("trained {} on {} items (above the dense limit of {}): {} x {} embeddings in {}", version, data.itemCount(),
                candidates.maxDenseItems(), data.itemCount(), factors.dimensions(), reference);
        return new RelatedItemsModel(version, BprFactors.NAME, now, lineage, interactions.dataRange(topics), Map.of(), popular,
                Map.of("train.items", (double) data.itemCount()), reference);
    }

    private RelatedItemsModel selected(Dataset data, Map<String, String> catalog, List<ScoredItem> popular, Instant now) {
        ModelSelection.Outcome outcome = ModelSelection.select(data, candidates.enabled(), budget, maxValidationUsers, log::info);
        ModelSelection.Trial related = outcome.bestRelated();
        ModelSelection.Trial personal = outcome.bestPersonal();
        String version = newVersion(now, related.family());
        Map<String, Double> metrics = new TreeMap<>(related.asMetrics("validation."));
        personal.asMetrics("validation.").forEach((name, value) -> {
            if (name.startsWith("validation.personal.")) {
                metrics.put(name, value);
            }
        });
        metrics.put("validation.trials", (double) outcome.trials().size());
        Map<String, List<ScoredItem>> neighbours;
        try (ItemScorer scorer = train(related, data)) {
            neighbours = scorer instanceof DenseScorer dense ? neighbours(dense, data, catalog) : Map.of();
            if (settings.userLists() && sameConfiguration(related, personal)) {
                userLists(scorer, data, catalog, version);
            }
        }
        if (settings.userLists() && !sameConfiguration(related, personal)) {
            try (ItemScorer scorer = train(personal, data)) {
                userLists(scorer, data, catalog, version);
            }
        }
        log.info("selected {} {} for product pages and {} {} for \"for you\" lists from {} trials (validation NDCG@10 {} / {})",
                related.family(), related.parameters(), personal.family(), personal.parameters(), outcome.trials().size(),
                related.related().ndcg(), personal.personal().ndcg());
        return new RelatedItemsModel(version, related.family(), now, PersonalConfiguration.merge(related.parameters(), personal),
                interactions.dataRange(topics), neighbours, popular, metrics);
    }

    private ItemScorer train(ModelSelection.Trial trial, Dataset data) {
        ModelFamily family = candidates.enabled().stream().filter(f -> f.name().equals(trial.family())).findFirst().orElseThrow();
        return family.train(data.itemCount(), data.sequences(), trial.parameters());
    }

    private static boolean sameConfiguration(ModelSelection.Trial a, ModelSelection.Trial b) {
        return a.family().equals(b.family()) && a.parameters().equals(b.parameters());
    }

    private void userLists(ItemScorer scorer, Dataset data, Map<String, String> catalog, String version) {
        boolean[] available = new boolean[data.itemCount()];
        for (int i = 0; i < available.length; i++) {
            available[i] = catalog.containsKey(data.items().get(i));
        }
        long made = ForYouLists.compute(scorer, data, available, listSize, block -> userLists.saveAll(version, block));
        log.info("computed {} shoppers' \"for you\" lists for {}", made, version);
    }

    /** Each product's best available neighbours: blocked rows of the item-item matrix, top-K on the NDArray. */
    private Map<String, List<ScoredItem>> neighbours(DenseScorer scorer, Dataset data, Map<String, String> catalog) {
        int n = data.itemCount();
        float[] penalty = new float[n];
        for (int i = 0; i < n; i++) {
            penalty[i] = catalog.containsKey(data.items().get(i)) ? 0f : Float.NEGATIVE_INFINITY;
        }
        int keep = Math.max(listSize, parameters.neighbours());
        Map<String, List<ScoredItem>> neighbours = new HashMap<>();
        for (int from = 0; from < n; from += TOPK_BLOCK) {
            int to = Math.min(n, from + TOPK_BLOCK);
            Object[] top = scorer.topK(from, to, keep, penalty);
            long[] indices = (long[]) top[0];
            float[] values = (float[]) top[1];
            int k = indices.length / (to - from);
            for (int row = 0; row < to - from; row++) {
                String product = data.items().get(from + row);
                if (!catalog.containsKey(product)) {
                    continue;
                }
                List<ScoredItem> list = new ArrayList<>(k);
                for (int c = 0; c < k; c++) {
                    float value = values[row * k + c];
                    // Only positive evidence: fill-ins from the popular list rank below every neighbour.
                    if (value > 0 && Float.isFinite(value)) {
                        list.add(new ScoredItem(data.items().get((int) indices[row * k + c]), value));
                    }
                }
                if (!list.isEmpty()) {
                    neighbours.put(product, list);
                }
            }
        }
        return neighbours;
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
