package io.nightshift.laptop.scoring;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.NightlyJobConfiguration;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.sync.InteractionStore;
import io.nightshift.laptop.training.Candidates;
import io.nightshift.laptop.training.Cooccurrence;
import io.nightshift.laptop.training.EmbeddedCatalog;
import io.nightshift.laptop.training.EmbeddingFiles;
import io.nightshift.laptop.training.LocalData;
import io.nightshift.laptop.training.ModelStore;
import io.nightshift.laptop.training.RelatedItemsModel;
import io.nightshift.schemas.result.ScoredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every shopper's "for you" list of the run's version ({@link ForYouLists}), into the local store
 * where publishVersion finds them. How depends on the model trainModel made: the sparse
 * co-occurrence model sums its neighbour lists, a factor model scores its embeddings, and a
 * selected dense model's "for you" configuration (recorded in its parameters) is trained again on
 * the same data, which gives the same model (training is deterministic).
 *
 * <p>Lists are saved a block of shoppers at a time and overwrite their own rows, so a restarted step
 * simply computes them all again; between blocks the step waits while the laptop is on battery or hot.
 */
class ScoreShoppersTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ScoreShoppersTasklet.class);

    private final InteractionStore interactions;
    private final ModelStore models;
    private final EmbeddingFiles embeddingFiles;
    private final Candidates candidates;
    private final UserLists userLists;
    private final boolean enabled;
    private final int listSize;
    private final int maxHistory;
    private final RunReporter reporter;
    private final HeavyWork heavyWork;

    ScoreShoppersTasklet(InteractionStore interactions, ModelStore models, EmbeddingFiles embeddingFiles, Candidates candidates,
                         UserLists userLists, LaptopProperties.Model settings, RunReporter reporter, HeavyWork heavyWork) {
        this.interactions = interactions;
        this.models = models;
        this.embeddingFiles = embeddingFiles;
        this.candidates = candidates;
        this.userLists = userLists;
        this.enabled = settings.userLists();
        this.listSize = settings.listSize();
        this.maxHistory = settings.maxHistory();
        this.reporter = reporter;
        this.heavyWork = heavyWork;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        if (!enabled) {
            log.info("no \"for you\" lists: model.user-lists is off, so the cloud builds them from the product lists");
            return RepeatStatus.FINISHED;
        }
        String version = step.getJobExecution().getExecutionContext().getString(NightlyJobConfiguration.MODEL_VERSION);
        RelatedItemsModel model = models.find(version).orElseThrow(() -> new IllegalStateException(
                "model " + version + " is not in the local store; run the job anew so trainModel makes one"));
        heavyWork.awaitConditions(step, 0, 0);
        Dataset data = LocalData.load(interactions);
        long total = data.users().size();
        reporter.progress(step, 0, total);
        long[] done = {0};
        Consumer<Map<String, List<ScoredItem>>> sink = block -> {
            userLists.saveAll(version, block);
            done[0] += block.size();
            reporter.progress(step, done[0], total);
            awaitBetweenBlocks(step, done[0], total);
        };
        long made = score(model, data, interactions.availableProducts().keySet(), sink);
        contribution.incrementWriteCount(made);
        log.info("computed {} shoppers' \"for you\" lists for {}", made, version);
        return RepeatStatus.FINISHED;
    }

    private long score(RelatedItemsModel model, Dataset data, Set<String> available, Consumer<Map<String, List<ScoredItem>>> sink) {
        if (model.hasEmbeddings()) {
            try (EmbeddedCatalog embeddings = embeddingFiles.load(model.embeddings())) {
                return ForYouLists.fromEmbeddings(embeddings.table(data.items()), data, embeddings.availability(), listSize,
                        maxHistory, sink);
            }
        }
        if (Cooccurrence.FAMILY.equals(model.family())) {
            return ForYouLists.fromNeighbours(model.neighbours(), data, available, listSize, maxHistory, sink);
        }
        Configuration<?> personal = candidates.personalConfigurationOf(model).orElseThrow(() -> new IllegalStateException(
                "model " + model.version() + " names a \"for you\" family this laptop does not know: " + model.parameters()));
        boolean[] availableByIndex = new boolean[data.itemCount()];
        for (int i = 0; i < availableByIndex.length; i++) {
            availableByIndex[i] = available.contains(data.items().get(i));
        }
        var shortfall = candidates.shortfall(personal, data);
        if (shortfall.isPresent()) {
            // trainModel checked it fits; memory can have gone since. Summed neighbour lists never need a matrix.
            log.warn("{} does not fit the memory now ({}): \"for you\" lists from the product lists' neighbours", personal, shortfall.get());
            return ForYouLists.fromNeighbours(model.neighbours(), data, available, listSize, maxHistory, sink);
        }
        try (ItemScorer scorer = personal.train(data.itemCount(), data.sequences())) {
            return ForYouLists.compute(scorer, data, availableByIndex, listSize, sink);
        }
    }

    private void awaitBetweenBlocks(StepExecution step, long done, long total) {
        try {
            heavyWork.awaitConditions(step, done, total);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deferred; a restart computes the shoppers' lists again", e);
        }
    }
}
