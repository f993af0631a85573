package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.RunProgressListener;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.scoring.UserLists;
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

    /** Step 2 of nightlyJob: the candidate (family chosen on the validation split), saved under a new version id. */
    @Bean
    Step trainModel(JobRepository jobRepository, PlatformTransactionManager transactionManager, LaptopProperties properties,
                    InteractionStore interactions, ModelStore models, RunReporter reporter, RunProgressListener progress,
                    HeavyWork heavyWork, UserLists userLists, EmbeddingFiles embeddingFiles) {
        TrainModelTasklet tasklet = new TrainModelTasklet(interactions, models, userLists, embeddingFiles, properties,
                new Candidates(properties.selection()), List.of(Topics.SHOP_EVENTS.name(), Topics.SHOP_CATALOG.name()), reporter, heavyWork, Clock.systemUTC());
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
        EvaluateModelTasklet tasklet = new EvaluateModelTasklet(interactions, models, new Candidates(properties.selection()),
                properties.selection().gateTolerance(), properties.selection().minTestUsers(), reporter, heavyWork);
        return new StepBuilder("evaluateModel", jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(progress)
                .build();
    }
}
