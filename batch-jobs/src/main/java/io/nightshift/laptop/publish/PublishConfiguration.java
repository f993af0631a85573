package io.nightshift.laptop.publish;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.run.RunProgressListener;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.scoring.ScoredLists;
import io.nightshift.laptop.scoring.UserLists;
import io.nightshift.laptop.sync.ErasedShoppers;
import io.nightshift.laptop.training.CurrentModel;
import io.nightshift.laptop.training.ModelStore;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

    /** Step 6 of nightlyJob: the version's lists to reco.results.v1, then version_published and activation_requested. */
    @Bean
    Step publishVersion(JobRepository jobRepository, PlatformTransactionManager transactionManager, LaptopProperties properties,
                        ScoredLists lists, UserLists userLists, ModelStore models, CurrentModel current, KafkaTemplate<String, Object> laptopKafkaTemplate,
                        RunReporter reporter, RunProgressListener progress, ErasedShoppers erasedShoppers) {
        PublishVersionTasklet tasklet = new PublishVersionTasklet(lists, userLists, models, current, laptopKafkaTemplate, reporter,
                properties.model().chunkSize(), properties.codeVersion(), Clock.systemUTC(), erasedShoppers::read);
        return new StepBuilder("publishVersion", jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(progress)
                .build();
    }
}
