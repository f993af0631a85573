package io.nightshift.laptop.training;

import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.sync.InteractionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Trains the co-occurrence model on everything in the local store and saves it there under a
 * new version id, which it leaves in the job's context for the steps after it.
 */
class TrainModelTasklet implements Tasklet {

    /** The job-context key under which the version being built travels from step to step. */
    static final String MODEL_VERSION = "modelVersion";
    private static final Logger log = LoggerFactory.getLogger(TrainModelTasklet.class);
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final InteractionStore interactions;
    private final ModelStore models;
    private final ModelParameters parameters;
    private final int listSize;
    private final List<String> topics;
    private final RunReporter reporter;
    private final Clock clock;

    TrainModelTasklet(InteractionStore interactions, ModelStore models, ModelParameters parameters, int listSize,
                      List<String> topics, RunReporter reporter, Clock clock) {
        this.interactions = interactions;
        this.models = models;
        this.parameters = parameters;
        this.listSize = listSize;
        this.topics = topics;
        this.reporter = reporter;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        Map<String, String> catalog = interactions.availableProducts();
        if (catalog.isEmpty()) {
            throw new IllegalStateException("the local store has no available product: nothing to recommend. "
                    + "Is the catalog on shop.catalog.v1 empty?");
        }
        reporter.progress(step, 0, 1);
        CooccurrenceTrainer.Accumulator accumulator = new CooccurrenceTrainer(parameters).accumulator();
        interactions.forEachInteraction(accumulator::add);
        // Enough popular products to fill any list even when all its neighbours are popular too.
        CooccurrenceTrainer.Result result = accumulator.finish(catalog.keySet(), 2 * listSize + 1);
        Instant now = clock.instant();
        String version = versionAt(now);
        // Version ids have one-second resolution: two runs within a second must still get two versions.
        while (models.exists(version)) {
            now = now.plusSeconds(1);
            version = versionAt(now);
        }
        RelatedItemsModel model = new RelatedItemsModel(version, CooccurrenceTrainer.FAMILY, now, parameters.asLineage(),
                interactions.dataRange(topics), result.neighbours(), result.popular());
        models.save(model);
        ExecutionContext job = step.getJobExecution().getExecutionContext();
        job.putString(MODEL_VERSION, version);
        contribution.incrementWriteCount(1);
        reporter.progress(step, 1, 1);
        log.info("trained {}: {} products with neighbours, {} available", version, result.neighbours().size(), catalog.size());
        return RepeatStatus.FINISHED;
    }

    private static String versionAt(Instant time) {
        return "v" + VERSION_TIME.format(time) + "-" + CooccurrenceTrainer.FAMILY;
    }
}
