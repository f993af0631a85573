package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.laptop.run.NightlyJobConfiguration;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.laptop.scoring.ScoredList;
import io.nightshift.laptop.scoring.ScoredLists;
import io.nightshift.laptop.scoring.UserLists;
import io.nightshift.laptop.training.CurrentModel;
import io.nightshift.laptop.training.ModelStore;
import io.nightshift.laptop.training.RelatedItemsModel;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's factor model, now the fallback when no selected family takes the catalog, end to end,
 * with the dense limit lowered to 200 items: 300 products in 10 clusters of 30, shoppers browsing
 * within one cluster, a tenth of the products unavailable.
 */
@RealServers
class LargeCatalogJobTest {

    private static final int CLUSTERS = 10;
    private static final int PER_CLUSTER = 30;
    private static final int CHUNK = 20;
    private static final int COMMITTED_CHUNKS = 5;

    @TempDir
    Path dataDir;

    private final String shop = "lc" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    @DisplayName("when no selected family can take the catalog the fallback factor model is trained, scoreCatalog computes its lists in blocks, and a run killed mid-score resumes after the last committed chunk")
    void factorModelScoredInRestartableChunks(KafkaEndpoint kafka) throws Exception {
        publishShop(new TopicClient(kafka));
        try (RunningLaptop laptop = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms",
                "--nightshift.laptop.selection.max-dense-items=200", "--nightshift.laptop.model.chunk-size=" + CHUNK,
                // EASE alone in selection: above the dense limit it cannot hold the catalog, so the fallback takes it.
                "--nightshift.laptop.selection.families=ease",
                "--nightshift.laptop.factors.dimensions=16", "--nightshift.laptop.factors.epochs=30",
                "--nightshift.laptop.factors.column-block=64")) {
            RunLauncher launcher = laptop.bean(RunLauncher.class);
            JobRepository repository = laptop.bean(JobRepository.class);
            JdbcClient store = laptop.bean(JdbcClient.class);
            FailingScoredLists.failAfter = COMMITTED_CHUNKS * CHUNK;
            FailingScoredLists.inserts.set(0);
            FailingScoredLists.updates.set(0);
            store.sql("CREATE TRIGGER fail_mid_score BEFORE INSERT, UPDATE ON scored_lists FOR EACH ROW CALL '"
                    + FailingScoredLists.class.getName() + "'").update();

            assertThat(launcher.launch("run-" + shop, "test")).isTrue();
            RunningLaptop.awaitIdle(launcher, Duration.ofSeconds(120));
            JobInstance instance = repository.getLastJobInstance(RunLauncher.JOB_NAME);
            JobExecution failed = repository.getLastJobExecution(instance);
            assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
            String version = failed.getExecutionContext().getString(NightlyJobConfiguration.MODEL_VERSION);
            ScoredLists lists = laptop.bean(ScoredLists.class);
            assertThat(lists.count(version)).as("the committed chunks' lists").isEqualTo(COMMITTED_CHUNKS * CHUNK);

            FailingScoredLists.failAfter = Integer.MAX_VALUE;
            assertThat(launcher.resume(failed)).isTrue();
            RunningLaptop.awaitIdle(launcher, Duration.ofSeconds(120));
            assertThat(repository.getLastJobExecution(instance).getStatus()).isEqualTo(BatchStatus.COMPLETED);

            // Restart granularity: the second execution reads only what the first did not commit, and rewrites nothing.
            List<StepExecution> scoring = repository.getJobExecutions(instance).stream()
                    .flatMap(execution -> execution.getStepExecutions().stream())
                    .filter(step -> step.getStepName().equals("scoreCatalog"))
                    .sorted(java.util.Comparator.comparing(StepExecution::getId)).toList();
            long available = store.sql("SELECT COUNT(*) FROM products WHERE available").query(Long.class).single();
            assertThat(scoring).hasSize(2);
            assertThat(scoring.get(0).getWriteCount()).isEqualTo(COMMITTED_CHUNKS * CHUNK);
            assertThat(scoring.get(1).getReadCount()).isEqualTo(available - COMMITTED_CHUNKS * CHUNK);
            assertThat(FailingScoredLists.updates).as("lists written twice").hasValue(0);
            assertThat(lists.count(version)).isEqualTo(available);
            assertThat(repository.getStepExecutionCount(instance, "trainModel")).isEqualTo(1);

            RelatedItemsModel model = laptop.bean(ModelStore.class).find(version).orElseThrow();
            assertThat(model.family()).isEqualTo("bpr-factors");
            assertThat(model.neighbours()).as("a factor model keeps its lists out of the JSON").isEmpty();
            assertThat(dataDir.resolve(model.embeddings() + ".embeddings")).exists()
                    .satisfies(file -> assertThat(Files.size(file)).isGreaterThanOrEqualTo(300L * 16 * Float.BYTES));

            List<ScoredList> mine = lists.page(version, shop, 10_000).stream().filter(list -> list.productId().startsWith(shop)).toList();
            assertThat(mine).hasSize(CLUSTERS * (PER_CLUSTER - 1));
            int same = 0;
            for (ScoredList list : mine) {
                assertThat(list.items()).hasSize(50).extracting(ScoredItem::productId)
                        .doesNotContain(list.productId()).noneMatch(LargeCatalogJobTest::unavailable);
                same += (int) list.items().subList(0, 5).stream().filter(item -> sameCluster(item.productId(), list.productId())).count();
            }
            assertThat(same / (5.0 * mine.size())).as("share of top-5 neighbours in the product's cluster").isGreaterThan(0.9);

            UserLists userLists = laptop.bean(UserLists.class);
            List<UserLists.UserList> shoppers = userLists.page(version, shop, 10_000).stream()
                    .filter(list -> list.userKey().startsWith(shop)).toList();
            assertThat(shoppers).hasSize(CLUSTERS * 40);
            for (UserLists.UserList list : shoppers) {
                assertThat(list.items().getFirst().productId()).startsWith(shop + "-c" + cluster(list.userKey()) + "-");
            }

            // The fresh-request worker's path: one product scored against the embeddings in memory.
            String product = shop + "-c3-07";
            List<ScoredItem> fresh = laptop.bean(CurrentModel.class).relatedTo(product, 10).orElseThrow();
            assertThat(fresh).hasSize(10).extracting(ScoredItem::productId).doesNotContain(product);
            assertThat(fresh.subList(0, 5)).allMatch(item -> sameCluster(item.productId(), product));
        } finally {
            FailingScoredLists.failAfter = Integer.MAX_VALUE;
        }
    }

    private boolean sameCluster(String a, String b) {
        return a.startsWith(shop) && a.substring(0, a.lastIndexOf('-')).equals(b.substring(0, b.lastIndexOf('-')));
    }

    private static boolean unavailable(String product) {
        return product.endsWith("-00");
    }

    private static int cluster(String user) {
        return Integer.parseInt(user.substring(user.lastIndexOf('u') + 1)) % CLUSTERS;
    }

    private void publishShop(TopicClient topics) throws Exception {
        Instant now = Instant.now();
        List<Map.Entry<String, CatalogEvent>> catalog = new ArrayList<>();
        for (int c = 0; c < CLUSTERS; c++) {
            for (int i = 0; i < PER_CLUSTER; i++) {
                String id = String.format("%s-c%d-%02d", shop, c, i);
                catalog.add(Map.entry(id, CatalogEvent.upsert(UUID.randomUUID(), new Product(id, id, "cat" + c, 1.0, i != 0), now)));
            }
        }
        topics.send(Topics.SHOP_CATALOG.name(), Contract.CATALOG_EVENT, catalog);
        Random random = new Random(11);
        List<Map.Entry<String, ShopEvent>> events = new ArrayList<>();
        for (int u = 0; u < CLUSTERS * 40; u++) {
            int c = u % CLUSTERS;
            for (int t = 0; t < 6; t++) {
                String product = String.format("%s-c%d-%02d", shop, c, random.nextInt(PER_CLUSTER));
                ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, shop + "-u" + u, product, null,
                        now.minusSeconds(600 - t));
                events.add(Map.entry(event.partitionKey(), event));
            }
        }
        topics.send(Topics.SHOP_EVENTS.name(), Contract.SHOP_EVENT, events);
    }
}
