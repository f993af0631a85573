package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.laptop.training.CurrentModel;
import io.nightshift.laptop.training.RelatedItemsModel;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.Topics;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class LaptopRestartTest {

    @Test
    @DisplayName("a laptop restarted on its data folder comes up healthy with its last published model in memory, and keeps only two models")
    void restartKeepsTheModel(KafkaEndpoint kafka, @TempDir Path dataDir) throws Exception {
        String shop = "lr" + UUID.randomUUID().toString().substring(0, 6);
        publishShop(new TopicClient(kafka), shop);
        String version;
        try (RunningLaptop first = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms")) {
            RunLauncher launcher = first.bean(RunLauncher.class);
            assertThat(launcher.launch("run-" + shop, "test")).isTrue();
            awaitIdle(launcher);
            version = first.bean(CurrentModel.class).get().map(RelatedItemsModel::version).orElseThrow();
        }

        try (RunningLaptop second = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms")) {
            assertThat(second.bean(CurrentModel.class).get()).map(RelatedItemsModel::version).contains(version);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");

            RunLauncher launcher = second.bean(RunLauncher.class);
            for (String again : List.of("-again", "-once-more")) {
                assertThat(launcher.launch("run-" + shop + again, "test")).isTrue();
                awaitIdle(launcher);
            }
            List<String> kept = second.bean(JdbcClient.class).sql("SELECT model_version FROM models ORDER BY trained_at")
                    .query(String.class).list();
            String newest = second.bean(CurrentModel.class).get().map(RelatedItemsModel::version).orElseThrow();
            assertThat(kept).as("the model in use and the one published before it").hasSize(2).endsWith(newest).doesNotContain(version);
        }
    }

    private static void awaitIdle(RunLauncher launcher) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        do {
            TimeUnit.MILLISECONDS.sleep(200);
        } while (launcher.runningRunId().isPresent() && Instant.now().isBefore(deadline));
    }

    @Test
    @DisplayName("a run the laptop was in the middle of when it stopped is resumed when it starts again")
    void resumesAnInterruptedRun(KafkaEndpoint kafka, @TempDir Path dataDir) throws Exception {
        String shop = "li" + UUID.randomUUID().toString().substring(0, 6);
        publishShop(new TopicClient(kafka), shop);
        JobParameters parameters = new JobParametersBuilder().addString("runId", "run-" + shop, true).toJobParameters();
        try (RunningLaptop first = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms")) {
            // What a process killed mid-run leaves behind: an execution still marked as started.
            JobRepository repository = first.bean(JobRepository.class);
            JobInstance instance = repository.createJobInstance(RunLauncher.JOB_NAME, parameters);
            JobExecution interrupted = repository.createJobExecution(instance, parameters, new ExecutionContext());
            interrupted.setStatus(BatchStatus.STARTED);
            interrupted.setStartTime(LocalDateTime.now());
            repository.update(interrupted);
        }

        try (RunningLaptop second = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms")) {
            JobRepository repository = second.bean(JobRepository.class);
            JobInstance instance = repository.getJobInstance(RunLauncher.JOB_NAME, parameters);
            Instant deadline = Instant.now().plusSeconds(60);
            while (repository.getLastJobExecution(instance).getStatus() != BatchStatus.COMPLETED && Instant.now().isBefore(deadline)) {
                TimeUnit.MILLISECONDS.sleep(200);
            }

            assertThat(repository.getJobExecutions(instance)).extracting(JobExecution::getStatus)
                    .containsExactlyInAnyOrder(BatchStatus.FAILED, BatchStatus.COMPLETED);
        }
    }

    private static void publishShop(TopicClient topics, String shop) throws Exception {
        Instant now = Instant.now();
        topics.send(Topics.SHOP_CATALOG.name(), Contract.CATALOG_EVENT, List.of(
                Map.entry(shop + "-a", CatalogEvent.upsert(UUID.randomUUID(), new Product(shop + "-a", "A", "cat", 1.0, true), now)),
                Map.entry(shop + "-b", CatalogEvent.upsert(UUID.randomUUID(), new Product(shop + "-b", "B", "cat", 1.0, true), now))));
        ShopEvent a = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, shop + "-u", shop + "-a", null, now);
        ShopEvent b = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, shop + "-u", shop + "-b", null, now);
        topics.send(Topics.SHOP_EVENTS.name(), Contract.SHOP_EVENT, List.of(Map.entry(a.partitionKey(), a), Map.entry(b.partitionKey(), b)));
    }
}
