package io.nightshift.laptop.run;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The night shift, step by step. Each step keeps its state in the local store, so a failed run
 * restarts at the step that failed (its completed steps are not repeated).
 */
@Configuration(proxyBeanMethods = false)
public class NightlyJobConfiguration {

    /** The job-context key under which trainModel's version travels to the steps after it. */
    public static final String MODEL_VERSION = "modelVersion";

    @Bean(RunLauncher.JOB_NAME)
    Job nightlyJob(JobRepository jobRepository, RunProgressListener progress,
                   Step syncEvents, Step trainModel, Step evaluateModel, Step scoreCatalog, Step scoreShoppers,
                   Step publishVersion) {
        return new JobBuilder(RunLauncher.JOB_NAME, jobRepository)
                .listener(progress)
                .start(syncEvents)          // shop events and catalog from Kafka into the local store
                .next(trainModel)           // families tried on the validation split, the winners trained on everything
                .next(evaluateModel)        // the gate: candidate against the active model on the same test split
                .on("REFUSED").end()        // a worse candidate is not published (and not scored); the run says why
                .from(evaluateModel).on("*").to(scoreCatalog) // every available product's related list, in chunks
                .next(scoreShoppers)        // every shopper's "for you" list, from the model that won that task
                .next(publishVersion)       // lists to reco.results.v1 under a new version, then ask for activation
                .end()
                .build();
    }

    /** A run interrupted by the laptop stopping (sleep, crash, power) resumes when it starts again. */
    @Bean
    @Order(1)
    ApplicationRunner resumeInterruptedRuns(RunLauncher launcher) {
        return args -> launcher.resumeInterruptedRuns();
    }
}
