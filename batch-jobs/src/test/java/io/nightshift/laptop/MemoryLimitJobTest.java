package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly job with less memory than any dense family or the factor model needs (a heap limit
 * of 64 KB per model): every one of them is skipped before it allocates anything, the sparse
 * co-occurrence model is trained instead, the version is published, and its lineage says what was
 * skipped and why.
 */
@RealServers
class MemoryLimitJobTest {

    private final String shop = "ml" + UUID.randomUUID().toString().substring(0, 6);
    private final String runId = "run-" + shop;

    @Test
    @DisplayName("when no dense family fits the memory, the run still completes and publishes, the lineage naming each skipped family and why")
    void runCompletesWithoutTheFamiliesThatDoNotFit(KafkaEndpoint kafka, @TempDir Path dataDir) throws Exception {
        TopicClient topics = new TopicClient(kafka);
        publishShop(topics);
        // Launched directly, not by a run request on the shared control topic, which other tests' laptops would also read.
        try (RunningLaptop laptop = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms",
                "--nightshift.laptop.selection.families=popularity,itemknn,ease", "--nightshift.laptop.memory.heap-limit=64KB")) {
            RunLauncher launcher = laptop.bean(RunLauncher.class);
            assertThat(launcher.launch(runId, "test")).isTrue();
            RunningLaptop.awaitIdle(launcher, Duration.ofSeconds(120));
            JobRepository repository = laptop.bean(JobRepository.class);
            JobExecution run = repository.getLastJobExecution(repository.getLastJobInstance(RunLauncher.JOB_NAME));
            assertThat(run.getStatus()).as(run.toString()).isEqualTo(BatchStatus.COMPLETED);
            List<ControlEvent> control = topics.readAll(Topics.RECO_CONTROL.name(), Contract.CONTROL_EVENT).stream()
                    .map(ConsumerRecord::value).toList();

            List<RecoResult> mine = topics.readAll(Topics.RECO_RESULTS.name(), Contract.RECO_RESULT).stream()
                    .map(ConsumerRecord::value).filter(r -> !r.isForUser() && r.productId().equals(shop + "-a")).toList();
            assertThat(mine).isNotEmpty();
            String version = mine.getLast().modelVersion();
            assertThat(mine.getLast().items()).extracting(ScoredItem::productId).startsWith(shop + "-b");

            Lineage lineage = control.stream().filter(e -> e.type() == ControlType.VERSION_PUBLISHED
                    && e.version().modelVersion().equals(version)).findFirst().orElseThrow().version().lineage();
            assertThat(lineage.modelFamily()).isEqualTo("cooccurrence");
            assertThat(lineage.parameters()).containsKeys("skipped.itemknn", "skipped.ease", "skipped.bpr-factors");
            assertThat(lineage.parameters().get("skipped.ease")).matches("needs ~[0-9.]+ (KB|MB|GB) heap, 64 KB free");
        }
    }

    /** a and b bought together by three shoppers; c and d seen by a few (enough for a validation split). */
    private void publishShop(TopicClient topics) throws Exception {
        Instant now = Instant.now();
        List<Map.Entry<String, CatalogEvent>> catalog = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d")) {
            String product = shop + "-" + id;
            catalog.add(Map.entry(product, CatalogEvent.upsert(UUID.randomUUID(), new Product(product, product, "cat-" + shop, 1.0, true), now)));
        }
        topics.send(Topics.SHOP_CATALOG.name(), Contract.CATALOG_EVENT, catalog);
        List<Map.Entry<String, ShopEvent>> events = new ArrayList<>();
        for (int u = 1; u <= 3; u++) {
            events.add(event(shop + "-u" + u, EventType.PURCHASE, shop + "-a", now.minusSeconds(30)));
            events.add(event(shop + "-u" + u, EventType.PURCHASE, shop + "-b", now.minusSeconds(20)));
            events.add(event(shop + "-u" + u, EventType.VIEW, shop + "-c", now.minusSeconds(10)));
        }
        events.add(event(shop + "-u4", EventType.VIEW, shop + "-c", now.minusSeconds(20)));
        events.add(event(shop + "-u4", EventType.VIEW, shop + "-d", now.minusSeconds(10)));
        topics.send(Topics.SHOP_EVENTS.name(), Contract.SHOP_EVENT, events);
    }

    private static Map.Entry<String, ShopEvent> event(String user, EventType type, String product, Instant at) {
        ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), type, user, product, null, at);
        return Map.entry(event.partitionKey(), event);
    }
}
