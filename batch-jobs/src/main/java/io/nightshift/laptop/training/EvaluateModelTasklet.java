package io.nightshift.laptop.training;

import io.nightshift.laptop.evaluation.LeaveLastOut;
import io.nightshift.laptop.evaluation.ModelSelection;
import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.NightlyJobConfiguration;
import io.nightshift.laptop.run.RunProgressListener;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.sync.InteractionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The evaluation gate. On the test split of the local log (leave-last-out: each test user's last
 * interaction held out), the candidate's configuration and the active model's configuration are
 * both trained on the same training part and measured on the same cases (HR@10 and NDCG@10 for
 * the related and the personal task). Retraining the active configuration, instead of scoring the
 * active model as it is, keeps the comparison fair: the active model was trained on data that
 * includes today's test items.
 *
 * <p>A candidate whose mean NDCG@10 is below the active one's (beyond the configured tolerance)
 * is not published: the step ends with exit status {@code REFUSED}, the job ends there, and the
 * run's last run_progress says {@code refused} and why. The metrics go into the version's lineage.
 */
class EvaluateModelTasklet implements Tasklet {

    static final String REFUSED = "REFUSED";
    private static final Logger log = LoggerFactory.getLogger(EvaluateModelTasklet.class);

    private final InteractionStore interactions;
    private final ModelStore models;
    private final Candidates candidates;
    private final double tolerance;
    private final int minTestUsers;
    private final RunReporter reporter;
    private final HeavyWork heavyWork;

    EvaluateModelTasklet(InteractionStore interactions, ModelStore models, Candidates candidates, double tolerance,
                         int minTestUsers, RunReporter reporter, HeavyWork heavyWork) {
        this.interactions = interactions;
        this.models = models;
        this.candidates = candidates;
        this.tolerance = tolerance;
        this.minTestUsers = minTestUsers;
        this.reporter = reporter;
        this.heavyWork = heavyWork;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        String version = step.getJobExecution().getExecutionContext().getString(NightlyJobConfiguration.MODEL_VERSION);
        RelatedItemsModel candidate = models.find(version).orElseThrow(() -> new IllegalStateException(
                "model " + version + " is not in the local store; run the job anew so trainModel makes one"));
        heavyWork.awaitConditions(step, 0, 2);
        reporter.progress(step, 0, 2);
        Dataset data = LocalData.load(interactions);
        LeaveLastOut test = LeaveLastOut.test(data);
        Optional<RelatedItemsModel> active = models.latestPublished().filter(model -> !model.version().equals(version));
        Map<String, Double> metrics = new TreeMap<>();
        metrics.put("test.users", (double) test.cases().size());
        // Without an active model there is nothing to gate against: the (costly) test-split training is skipped.
        Optional<ModelSelection.Trial> mine = active.isPresent() ? trial(candidate, test, data) : Optional.empty();
        mine.ifPresent(trial -> metrics.putAll(trial.asMetrics("test.")));
        reporter.progress(step, 1, 2);
        heavyWork.awaitConditions(step, 1, 2);
        Optional<ModelSelection.Trial> theirs = Optional.empty();
        if (active.isPresent() && mine.isPresent()) {
            boolean sameConfiguration = active.get().family().equals(candidate.family())
                    && PersonalConfiguration.withoutNotes(active.get().parameters())
                    .equals(PersonalConfiguration.withoutNotes(candidate.parameters()));
            theirs = sameConfiguration ? mine : trial(active.get(), test, data);
            theirs.ifPresent(trial -> metrics.putAll(trial.asMetrics("active.")));
        }
        models.save(candidate.withMetrics(metrics));
        reporter.progress(step, 2, 2);
        contribution.incrementWriteCount(1);
        Optional<String> refusal = refusal(candidate, mine, active, theirs);
        if (refusal.isPresent()) {
            log.warn("gate: {} is not published: {}", version, refusal.get());
            step.getJobExecution().getExecutionContext().putString(RunProgressListener.GATE_REFUSAL, refusal.get());
            contribution.setExitStatus(new ExitStatus(REFUSED, refusal.get()));
        } else {
            log.info("gate: {} passes ({})", version, mine.map(ModelSelection.Trial::toString)
                    .orElse(active.isEmpty() ? "no active model to compare with" : "too few test users to compare"));
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Trains the model's configuration on the split's training part; empty without cases, without a
     * trainable family, or when a configuration does not fit the memory free now (the gate then
     * cannot measure and lets the candidate through, as for a model it cannot retrain).
     */
    private Optional<ModelSelection.Trial> trial(RelatedItemsModel model, LeaveLastOut test, Dataset data) {
        if (test.cases().size() < minTestUsers) {
            return Optional.empty();
        }
        Optional<Configuration<?>> related = candidates.configurationOf(model).filter(c -> fits(c, model, data));
        Optional<Configuration<?>> personal = candidates.personalConfigurationOf(model).filter(c -> fits(c, model, data));
        if (related.isEmpty() || personal.isEmpty()) {
            return Optional.empty();
        }
        ModelSelection.Trial forRelated = ModelSelection.trial(related.get(), test);
        if (related.get().sameAs(personal.get())) {
            return Optional.of(forRelated);
        }
        // Each task measured with the model that serves it.
        ModelSelection.Trial forPersonal = ModelSelection.trial(personal.get(), test);
        return Optional.of(new ModelSelection.Trial(forRelated.configuration(), forRelated.related(),
                forPersonal.personal(), forRelated.millis() + forPersonal.millis()));
    }

    private boolean fits(Configuration<?> configuration, RelatedItemsModel model, Dataset data) {
        Optional<String> shortfall = candidates.shortfall(configuration, data);
        shortfall.ifPresent(reason -> log.warn("gate: {}'s {} is not retrained on the test split: {}", model.version(), configuration, reason));
        return shortfall.isEmpty();
    }

    private Optional<String> refusal(RelatedItemsModel candidate, Optional<ModelSelection.Trial> mine,
                                     Optional<RelatedItemsModel> active, Optional<ModelSelection.Trial> theirs) {
        if (mine.isEmpty() || theirs.isEmpty()) {
            return Optional.empty();
        }
        double candidateScore = mine.get().score();
        double activeScore = theirs.get().score();
        if (candidateScore >= activeScore * (1 - tolerance)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "gate: candidate %s (%s) mean NDCG@10 %.4f (related %.4f, personal %.4f) is below active %s (%s) %.4f "
                        + "(related %.4f, personal %.4f) on the same split of %d test users; the active model stays",
                candidate.version(), candidate.family(), candidateScore, mine.get().related().ndcg(), mine.get().personal().ndcg(),
                active.orElseThrow().version(), active.get().family(), activeScore, theirs.get().related().ndcg(),
                theirs.get().personal().ndcg(), mine.get().related().cases()));
    }
}
