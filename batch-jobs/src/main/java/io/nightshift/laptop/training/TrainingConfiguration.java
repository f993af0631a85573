package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.RunProgressListener;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.sync.InteractionStore;
import io.nightshift.schemas.topic.Topics;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.util.List;

@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    /**
     * Step 2 of nightlyJob: the candidate, saved under a new version id: its neighbour lists (or
     * embeddings) and the configuration of its "for you" model. Its lists are made after the gate.
     */
    @Bean
    Step trainModel(JobRepository jobRepository, PlatformTransactionManager transactionManager, LaptopProperties properties,
                    InteractionStore interactions, ModelStore models, RunReporter reporter, RunProgressListener progress,
                    HeavyWork heavyWork, EmbeddingFiles embeddingFiles) {
        LaptopProperties.Model model = properties.model();
        LaptopProperties.Selection selection = properties.selection();
        Candidates candidates = new Candidates(selection, properties.memory(), properties.factors());
        // Enough popular products to fill any list even when all its neighbours are popular too.
        int popularSize = 2 * model.listSize() + 1;
        TrainModelTasklet.Trainers trainers = new TrainModelTasklet.Trainers(
                new SelectionTrainer(candidates, selection.budget(), selection.maxValidationUsers(),
                        Math.max(model.listSize(), model.neighbours())),
                properties.factors().enabled()
                        ? new FactorTrainer(embeddingFiles, properties.factors(), selection.seed(), selection.maxDenseItems(),
                        candidates::memory) : null,
                new CooccurrenceTrainer(interactions, CooccurrenceParameters.of(model), popularSize),
                selection.maxDenseItems());
        TrainModelTasklet tasklet = new TrainModelTasklet(interactions, models, trainers, popularSize,
                List.of(Topics.SHOP_EVENTS.name(), Topics.SHOP_CATALOG.name()), reporter, heavyWork, Clock.systemUTC());
        return new StepBuilder("trainModel", jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(progress)
                .build();
    }

    /** Step 3 of nightlyJob: the gate, candidate against the active model on the same test split. */
    @Bean
    Step evaluateModel(JobRepository jobRepository, PlatformTransactionManager transactionManager, LaptopProperties properties,
                       InteractionStore interactions, ModelStore models, RunReporter reporter, RunProgressListener progress,
                       HeavyWork heavyWork) {
        EvaluateModelTasklet tasklet = new EvaluateModelTasklet(interactions, models,
                new Candidates(properties.selection(), properties.memory(), properties.factors()),
                properties.selection().gateTolerance(), properties.selection().minTestUsers(), reporter, heavyWork);
        return new StepBuilder("evaluateModel", jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(progress)
                .build();
    }
}
