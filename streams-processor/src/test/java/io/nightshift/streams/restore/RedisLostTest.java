package io.nightshift.streams.restore;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.featurestore.ServingSnapshot;
import io.nightshift.featurestore.StoredList;
import io.nightshift.featurestore.UserSnapshot;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.KillSwitch;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.ReplayProgress;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import io.nightshift.streams.StreamsProcessorApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Redis lost a month after the last batch run", with the whole streams processor against a real
 * broker and a real Redis, and no laptop at all: a version is published and activated the normal
 * way, the results topic then loses its records as its two-week retention would, Redis is
 * emptied, and the owner's replay brings the active version back, under the same version id,
 * from the copy on {@code reco.active.v1}, with the owner's kill switches from the control topic.
 * The lists are read back through the serving reads the online API answers shoppers from.
 */
@RealServers
class RedisLostTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Instant COMPUTED_AT = Instant.now().minus(Duration.ofDays(31)).truncatedTo(ChronoUnit.MILLIS);
    private static final List<ScoredItem> ITEMS = List.of(new ScoredItem("lost-p-2", 0.75), new ScoredItem("lost-p-3", 0.5));

    private LocalRedis redis;
    private ConfigurableApplicationContext app;
    private FeatureStore store;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @DisplayName("a Redis lost after the results expired gets the active version's lists back, same version id, without the laptop")
    void activeVersionComesBack(KafkaEndpoint kafka) throws Exception {
        String applicationId = "lost-" + UUID.randomUUID();
        redis = LocalRedis.start();
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.endpoint().host(), redis.endpoint().port()).withTimeout(Duration.ofSeconds(2)));
        app = new SpringApplicationBuilder(StreamsProcessorApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--nightshift.redis.host=" + redis.endpoint().host(),
                "--nightshift.redis.port=" + redis.endpoint().port(),
                "--server.port=0",
                "--nightshift.eventlog.enabled=false",
                "--nightshift.archive.check-every=500ms",
                "--nightshift.streams.application-id=" + applicationId,
                "--nightshift.streams.state-dir=" + Drivers.tempDir());
        // The shared broker holds other tests' versions; once the loader has read them, ours is the newest word.
        awaitLoaderCaughtUp(kafka, applicationId);
        String version = "lost-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Lineage lineage = new Lineage("cooccurrence", Map.of("neighbours", "50"), Map.of("ndcg@10", 0.04), "shop.events.v1:0-99", "0.1.0");

        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (String product : List.of("lost-p-1", "lost-p-2", "lost-p-3")) {
                send(producer, Topics.RECO_RESULTS.name(), product, Contract.RECO_RESULT, new RecoResult(UUID.randomUUID(),
                        RecoResult.SCHEMA_VERSION, ResultKind.BATCH, version, product, ITEMS, COMPUTED_AT, 4L));
            }
            send(producer, Topics.RECO_RESULTS.name(), "lost-u-1", Contract.RECO_RESULT,
                    RecoResult.forUser(UUID.randomUUID(), version, "lost-u-1", ITEMS, COMPUTED_AT, 4L));
            send(producer, Topics.RECO_CONTROL.name(), version, Contract.CONTROL_EVENT,
                    ControlEvent.version(ControlType.VERSION_PUBLISHED, "laptop", new VersionInfo(version, 4L, lineage), now));
            send(producer, Topics.RECO_CONTROL.name(), version, Contract.CONTROL_EVENT,
                    ControlEvent.version(ControlType.ACTIVATION_REQUESTED, "laptop", new VersionInfo(version, 4L, null), now));
        }
        await().atMost(WAIT).until(() -> store.versions().activeVersion().filter(version::equals).isPresent());
        // The owner's switches as the online API records them: in Redis and on the control topic.
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (KillSwitch change : List.of(new KillSwitch(Tier.FRESH, true), new KillSwitch(Tier.TRENDING, true), new KillSwitch(Tier.FRESH, false))) {
                store.controls().setTierDisabled(change.tier(), change.disabled());
                send(producer, Topics.RECO_CONTROL.name(), null, Contract.CONTROL_EVENT, ControlEvent.killSwitch("owner", change, Instant.now()));
            }
        }
        ActiveVersionArchive archive = app.getBean(ActiveVersionArchive.class);
        await().atMost(WAIT).until(() -> archive.catchUp().filter(version::equals).isPresent());

        expireResults(kafka);
        try (Jedis jedis = new Jedis(redis.endpoint().host(), redis.endpoint().port())) {
            jedis.flushAll();
        }
        assertThat(store.serving().servingRead("lost-p-1", null, null, 10).batchList()).as("Redis lost").isEmpty();

        requestReplay(kafka);

        await().atMost(WAIT).until(() -> store.versions().activeVersion().filter(version::equals).isPresent());
        ServingSnapshot product = store.serving().servingRead("lost-p-1", null, null, 10);
        assertThat(product.servedVersion()).contains(version);
        assertThat(product.batchList()).contains(new StoredList(version, COMPUTED_AT, ITEMS));
        UserSnapshot shopper = store.serving().userRead("lost-u-1", null, 10);
        assertThat(shopper.userList()).contains(new StoredList(version, COMPUTED_AT, ITEMS));
        assertThat(store.versions().lineage(version)).contains(lineage);
        assertThat(product.disabledTiers()).contains(Tier.TRENDING).doesNotContain(Tier.FRESH);
        assertThat(store.versions().activations().getFirst().actor()).isEqualTo(ActiveVersionRestore.ACTOR);
        // The copy still names the restored version: nothing was copied over it meanwhile.
        assertThat(archive.catchUp()).contains(version);
    }

    /** Until the loader's group has committed the end of the results and control topics. */
    private static void awaitLoaderCaughtUp(KafkaEndpoint kafka, String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.RECO_RESULTS.partitions(); p++) {
                latest.put(new TopicPartition(Topics.RECO_RESULTS.name(), p), OffsetSpec.latest());
            }
            latest.put(new TopicPartition(Topics.RECO_CONTROL.name(), 0), OffsetSpec.latest());
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                var ends = admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                        org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                return latest.keySet().stream().allMatch(partition -> ends.get(partition).offset() == 0
                        || committed.get(partition) != null && committed.get(partition).offset() >= ends.get(partition).offset());
            });
        }
    }

    /** What two weeks of retention do to the results topic: every record so far is gone. */
    private static void expireResults(KafkaEndpoint kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.RECO_RESULTS.partitions(); p++) {
                latest.put(new TopicPartition(Topics.RECO_RESULTS.name(), p), OffsetSpec.latest());
            }
            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, end) -> deletions.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(deletions).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            latest.keySet().forEach(partition -> earliest.put(partition, OffsetSpec.earliest()));
            var starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            latest.keySet().forEach(partition -> assertThat(starts.get(partition).offset()).as("%s holds no record", partition)
                    .isEqualTo(ends.get(partition).offset()));
        }
    }

    /** The owner's replay, as POST /api/v1/admin/replay (and ./nightshift replay) writes it. */
    private static void requestReplay(KafkaEndpoint kafka) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            send(producer, Topics.RECO_CONTROL.name(), null, Contract.CONTROL_EVENT, ControlEvent.replay(ControlType.REPLAY_REQUESTED,
                    "owner", ReplayProgress.requested("lost-" + UUID.randomUUID(), "Redis was lost"), Instant.now()));
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaEndpoint kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static <T> void send(KafkaProducer<String, byte[]> producer, String topic, String key, Contract<T> contract, T value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, ContractCodec.of(contract).encode(value))).get(30, TimeUnit.SECONDS);
    }
}
