package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.laptop.run.NightlyJobConfiguration;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class RestartAfterFailureTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("a run that failed while scoring resumes at scoreCatalog, without syncing or training again, and publishes its version")
    void resumesAtTheFailedStep(KafkaEndpoint kafka) throws Exception {
        String shop = "rs" + UUID.randomUUID().toString().substring(0, 6);
        String runId = "run-" + shop;
        TopicClient topics = new TopicClient(kafka);
        publishShop(topics, shop);
        try (RunningLaptop laptop = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms")) {
            RunLauncher launcher = laptop.bean(RunLauncher.class);
            JobRepository repository = laptop.bean(JobRepository.class);
            JdbcClient store = laptop.bean(JdbcClient.class);

            // A broken store: scoreCatalog cannot write its lists.
            store.sql("ALTER TABLE scored_lists RENAME TO scored_lists_away").update();
            assertThat(launcher.launch(runId, "test")).isTrue();
            RunningLaptop.awaitIdle(launcher, Duration.ofSeconds(60));
            JobInstance instance = repository.getLastJobInstance(RunLauncher.JOB_NAME);
            JobExecution failed = repository.getLastJobExecution(instance);
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);

            store.sql("ALTER TABLE scored_lists_away RENAME TO scored_lists").update();
            assertThat(launcher.resume(failed)).isTrue();
            RunningLaptop.awaitIdle(launcher, Duration.ofSeconds(60));

            assertThat(repository.getLastJobExecution(instance).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(repository.getJobExecutions(instance)).hasSize(2);
            assertThat(repository.getStepExecutionCount(instance, "syncEvents")).isEqualTo(1);
            assertThat(repository.getStepExecutionCount(instance, "trainModel")).isEqualTo(1);
            assertThat(repository.getStepExecutionCount(instance, "scoreCatalog")).isEqualTo(2);
            String version = repository.getLastJobExecution(instance).getExecutionContext().getString(NightlyJobConfiguration.MODEL_VERSION);
            List<RecoResult> lists = topics.readAll(Topics.RECO_RESULTS.name(), Contract.RECO_RESULT).stream()
                    .map(ConsumerRecord::value).filter(r -> r.kind() == ResultKind.BATCH && r.modelVersion().equals(version)).toList();
            assertThat(lists).isNotEmpty().hasSize(lists.getFirst().expectedTotal().intValue());
            assertThat(lists).extracting(RecoResult::productId).contains(shop + "-a", shop + "-b", shop + "-c");
        }
        List<RunProgress> reports = topics.readUntil(Topics.RECO_CONTROL.name(), Contract.CONTROL_EVENT,
                        records -> records.stream().anyMatch(r -> isEnd(r.value(), runId, RunStatus.COMPLETED)), Duration.ofSeconds(10))
                .stream().map(ConsumerRecord::value)
                .filter(e -> e.type() == ControlType.RUN_PROGRESS && e.run().runId().equals(runId))
                .map(ControlEvent::run).toList();
        assertThat(reports).filteredOn(r -> r.status() == RunStatus.FAILED).singleElement()
                .satisfies(r -> assertThat(r.step()).isEqualTo("scoreCatalog"))
                .satisfies(r -> assertThat(r.detail()).contains("scoreCatalog", "restart"));
        assertThat(reports.getLast().status()).isEqualTo(RunStatus.COMPLETED);
    }

    private static boolean isEnd(ControlEvent event, String runId, RunStatus status) {
        return event.type() == ControlType.RUN_PROGRESS && event.run().runId().equals(runId) && event.run().status() == status;
    }

    private static void publishShop(TopicClient topics, String shop) throws Exception {
        Instant now = Instant.now();
        List<Map.Entry<String, CatalogEvent>> catalog = new ArrayList<>();
        for (String id : List.of(shop + "-a", shop + "-b", shop + "-c")) {
            catalog.add(Map.entry(id, CatalogEvent.upsert(UUID.randomUUID(), new Product(id, id, "cat", 1.0, true), now)));
        }
        topics.send(Topics.SHOP_CATALOG.name(), Contract.CATALOG_EVENT, catalog);
        List<Map.Entry<String, ShopEvent>> events = new ArrayList<>();
        for (String product : List.of(shop + "-a", shop + "-b")) {
            ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, shop + "-u1", product, null, now);
            events.add(Map.entry(event.partitionKey(), event));
        }
        topics.send(Topics.SHOP_EVENTS.name(), Contract.SHOP_EVENT, events);
    }
}
