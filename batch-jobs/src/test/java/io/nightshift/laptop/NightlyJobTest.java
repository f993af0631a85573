package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.request.FreshRequest;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NightlyJobTest {

    private final String shop = "nj" + UUID.randomUUID().toString().substring(0, 6);
    private final String runId = "run-" + shop;
    private final List<String> available = List.of(shop + "-a", shop + "-b", shop + "-c", shop + "-d", shop + "-e");
    private final String unavailable = shop + "-gone";

    private TopicClient topics;
    private RunningLaptop laptop;
    private List<ConsumerRecord<String, ControlEvent>> control;

    @BeforeAll
    void runTheNightlyJob(KafkaEndpoint kafka, @TempDir Path dataDir) throws Exception {
        topics = new TopicClient(kafka);
        publishShop();
        // Tiny data: keep selection to the item-item families, so "bought together" decides the lists.
        laptop = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.selection.families=itemknn,ease");
        Instant requestedAt = Instant.now();
        topics.send(Topics.RECO_CONTROL.name(), Contract.CONTROL_EVENT, List.of(Map.entry(runId,
                ControlEvent.run(ControlType.RUN_REQUESTED, "owner", new RunProgress(runId, RunStatus.REQUESTED, null, 0, 0, null), requestedAt))));
        control = topics.readUntil(Topics.RECO_CONTROL.name(), Contract.CONTROL_EVENT,
                records -> records.stream().anyMatch(r -> isRunEnd(r.value())), Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (laptop != null) {
            laptop.close();
        }
    }

    @Test
    @DisplayName("a run requested on reco.control.v1 completes, reporting each step's progress")
    void runCompletesWithProgress() {
        List<RunProgress> progress = control.stream().map(ConsumerRecord::value)
                .filter(e -> e.type() == ControlType.RUN_PROGRESS && e.run().runId().equals(runId))
                .map(ControlEvent::run).toList();

        assertThat(progress.getLast().status()).as(progress.getLast().toString()).isEqualTo(RunStatus.COMPLETED);
        assertThat(progress).extracting(RunProgress::step)
                .contains("syncEvents", "trainModel", "scoreCatalog", "publishVersion");
        assertThat(progress).filteredOn(p -> "scoreCatalog".equals(p.step()))
                .anySatisfy(p -> assertThat(p.done()).isEqualTo(p.total()).isPositive());
    }

    @Test
    @DisplayName("every available product gets one batch list under one new version, never containing itself")
    void oneListPerAvailableProduct() {
        String version = publishedVersion();
        List<RecoResult> lists = topics.readAll(Topics.RECO_RESULTS.name(), Contract.RECO_RESULT).stream()
                .map(ConsumerRecord::value)
                .filter(r -> r.kind() == ResultKind.BATCH && r.modelVersion().equals(version))
                .toList();
        long expectedTotal = lists.getFirst().expectedTotal();
        List<RecoResult> productLists = lists.stream().filter(r -> !r.isForUser()).toList();

        assertThat(version).matches("v\\d{14}-(itemknn|ease|cooccurrence)");
        assertThat(lists).as("product and user lists together").hasSize((int) expectedTotal);
        assertThat(productLists).extracting(RecoResult::productId).doesNotHaveDuplicates().containsAll(available).doesNotContain(unavailable);
        assertThat(productLists).allSatisfy(list -> {
            assertThat(list.expectedTotal()).isEqualTo(expectedTotal);
            assertThat(list.items()).extracting(ScoredItem::productId).doesNotContain(list.productId(), unavailable).isNotEmpty();
        });
        Map<String, List<String>> mine = productLists.stream().filter(l -> available.contains(l.productId()))
                .collect(Collectors.toMap(RecoResult::productId, l -> l.items().stream().map(ScoredItem::productId).toList()));
        assertThat(mine.get(shop + "-a")).as("bought together by three shoppers").startsWith(shop + "-b");
    }

    @Test
    @DisplayName("every shopper gets a \"for you\" list in the same version, without what they already have or cannot buy")
    void oneListPerShopper() {
        String version = publishedVersion();
        Map<String, List<String>> forYou = topics.readAll(Topics.RECO_RESULTS.name(), Contract.RECO_RESULT).stream()
                .map(ConsumerRecord::value)
                .filter(r -> r.modelVersion().equals(version) && r.isForUser())
                .collect(Collectors.toMap(RecoResult::userId, r -> r.items().stream().map(ScoredItem::productId).toList()));

        assertThat(forYou).containsKeys(shop + "-u1", shop + "-u2", shop + "-u3", shop + "-u4", shop + "-u5");
        assertThat(forYou.get(shop + "-u1")).doesNotContain(shop + "-a", shop + "-b", unavailable).isNotEmpty();
        assertThat(forYou.get(shop + "-u4")).as("viewed a and c, like the buyers of a who bought b")
                .doesNotContain(shop + "-a", shop + "-c").startsWith(shop + "-b");
    }

    @Test
    @DisplayName("a shopper erased before the run gets no \"for you\" list: the sync left their events out")
    void erasedShopperGetsNoList() {
        String version = publishedVersion();
        List<String> users = topics.readAll(Topics.RECO_RESULTS.name(), Contract.RECO_RESULT).stream()
                .map(ConsumerRecord::value)
                .filter(r -> r.modelVersion().equals(version) && r.isForUser())
                .map(RecoResult::userId).toList();

        assertThat(users).contains(shop + "-u1").doesNotContain(shop + "-u6");
    }

    @Test
    @DisplayName("the version is announced with its lineage, then its activation requested")
    void versionPublishedThenActivationRequested() {
        String version = publishedVersion();
        List<ControlEvent> aboutVersion = control.stream().map(ConsumerRecord::value)
                .filter(e -> e.version() != null && e.version().modelVersion().equals(version)).toList();

        assertThat(aboutVersion).extracting(ControlEvent::type)
                .containsExactly(ControlType.VERSION_PUBLISHED, ControlType.ACTIVATION_REQUESTED);
        ControlEvent published = aboutVersion.getFirst();
        assertThat(published.actor()).isEqualTo("laptop");
        assertThat(published.version().runId()).as("the version names the run that produced it").isNotBlank();
        assertThat(control.stream().map(ConsumerRecord::value).filter(e -> e.run() != null).map(e -> e.run().runId()))
                .contains(published.version().runId());
        assertThat(published.version().lineage().modelFamily()).isIn("itemknn", "ease", "cooccurrence");
        // Partition:offset pairs of the partitions that had records (which ones depends on the random user ids).
        assertThat(published.version().lineage().dataRange()).matches("shop\\.events\\.v1:\\d+-\\d+(,\\d+-\\d+)*;shop\\.catalog\\.v1:\\d+-\\d+(,\\d+-\\d+)*");
        assertThat(published.version().lineage().parameters()).isNotEmpty().containsKey("personal.family");
        assertThat(published.version().lineage().metrics()).containsKeys("test.users", "validation.related.ndcg10", "validation.personal.ndcg10");
        assertThat(published.version().lineage().codeVersion()).isNotBlank();
        long lists = topics.readAll(Topics.RECO_RESULTS.name(), Contract.RECO_RESULT).stream()
                .filter(r -> r.value().modelVersion().equals(version)).count();
        assertThat(published.version().expectedTotal()).isEqualTo(lists);
    }

    @Test
    @DisplayName("after the run, fresh requests are answered with the new model")
    void freshUsesTheNewModel() throws Exception {
        String version = publishedVersion();
        String product = shop + "-a";
        topics.send(Topics.RECO_REQUESTS.name(), Contract.FRESH_REQUEST, List.of(Map.entry(product,
                new FreshRequest(UUID.randomUUID(), FreshRequest.SCHEMA_VERSION, product, null, Instant.now(), Instant.now().plusSeconds(60)))));

        List<RecoResult> fresh = topics.readUntil(Topics.RECO_RESULTS.name(), Contract.RECO_RESULT,
                        records -> records.stream().anyMatch(r -> isFreshFor(r.value(), product)), Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).filter(r -> isFreshFor(r, product)).toList();

        assertThat(fresh).hasSize(1);
        assertThat(fresh.getFirst().modelVersion()).isEqualTo(version);
        assertThat(fresh.getFirst().items()).extracting(ScoredItem::productId).startsWith(shop + "-b").doesNotContain(product);
    }

    @Test
    @DisplayName("heartbeats go out keyed by the laptop id")
    void heartbeats() {
        List<Heartbeat> beats = topics.readUntil(Topics.LAPTOP_HEARTBEAT.name(), Contract.HEARTBEAT,
                        records -> records.stream().anyMatch(r -> laptop.laptopId().equals(r.key())), Duration.ofSeconds(10))
                .stream().filter(r -> laptop.laptopId().equals(r.key())).map(ConsumerRecord::value).toList();

        assertThat(beats).isNotEmpty().allSatisfy(beat -> {
            assertThat(beat.laptopId()).isEqualTo(laptop.laptopId());
            assertThat(beat.device()).isEqualTo("cpu");
            assertThat(beat.power()).isIn("ac", "battery", "unknown");
            assertThat(beat.state()).isIn("idle", "running", "deferred");
        });
    }

    private String publishedVersion() {
        return control.stream().map(ConsumerRecord::value)
                .filter(e -> e.type() == ControlType.VERSION_PUBLISHED)
                .map(e -> e.version().modelVersion())
                .filter(version -> topics.readAll(Topics.RECO_RESULTS.name(), Contract.RECO_RESULT).stream()
                        .anyMatch(r -> r.value().modelVersion().equals(version) && !r.value().isForUser()
                                && available.contains(r.value().productId())))
                .findFirst().orElseThrow(() -> new AssertionError("no version_published for this shop's products"));
    }

    private boolean isRunEnd(ControlEvent event) {
        return event.type() == ControlType.RUN_PROGRESS && event.run().runId().equals(runId)
                && event.run().status().isFinal();
    }

    private static boolean isFreshFor(RecoResult result, String product) {
        return result.kind() == ResultKind.FRESH && result.productId().equals(product);
    }

    /** a-b bought together by three shoppers, a-c viewed together by one; one product is no longer sold. */
    private void publishShop() throws Exception {
        Instant now = Instant.now();
        List<Map.Entry<String, CatalogEvent>> catalog = new ArrayList<>();
        for (String id : available) {
            catalog.add(Map.entry(id, CatalogEvent.upsert(UUID.randomUUID(), new Product(id, "Product " + id, "cat-" + shop, 9.5, true), now)));
        }
        catalog.add(Map.entry(unavailable, CatalogEvent.upsert(UUID.randomUUID(), new Product(unavailable, "Gone", "cat-" + shop, 1.0, false), now)));
        topics.send(Topics.SHOP_CATALOG.name(), Contract.CATALOG_EVENT, catalog);

        List<Map.Entry<String, ShopEvent>> events = new ArrayList<>();
        for (int u = 1; u <= 3; u++) {
            String user = shop + "-u" + u;
            events.add(event(user, EventType.PURCHASE, shop + "-a", now));
            events.add(event(user, EventType.PURCHASE, shop + "-b", now));
            events.add(event(user, EventType.VIEW, unavailable, now));
        }
        events.add(event(shop + "-u4", EventType.VIEW, shop + "-a", now));
        events.add(event(shop + "-u4", EventType.VIEW, shop + "-c", now));
        events.add(event(shop + "-u5", EventType.VIEW, shop + "-d", now));
        ShopEvent served = new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, shop + "-u5", null,
                shop + "-e", null, now, new RecoContext("req-1", Tier.POPULAR, null, null));
        events.add(Map.entry(served.partitionKey(), served));
        // A shopper who asked to be forgotten before the run.
        events.add(event(shop + "-u6", EventType.PURCHASE, shop + "-a", now));
        events.add(event(shop + "-u6", EventType.PURCHASE, shop + "-d", now));
        topics.send(Topics.SHOP_EVENTS.name(), Contract.SHOP_EVENT, events);
        topics.send(Topics.SHOP_ERASURES.name(), Contract.ERASURE,
                List.of(Map.entry(shop + "-u6", Erasure.of(UUID.randomUUID(), shop + "-u6", Instant.now()))));
    }

    private static Map.Entry<String, ShopEvent> event(String user, EventType type, String product, Instant at) {
        ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), type, user, product, null, at);
        return Map.entry(event.partitionKey(), event);
    }
}
