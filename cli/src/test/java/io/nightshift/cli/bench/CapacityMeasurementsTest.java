package io.nightshift.cli.bench;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each new measurement runs on a tiny size against real Kafka and Redis and gives the report rows
 * with finite positive numbers. Speed is never judged here. The streams processor's loader is not
 * in this module: a few lines below stage the results the way its script does (list key, then the
 * version's loaded count), so the Redis measurement has something real to read.
 */
@RealServers
class CapacityMeasurementsTest {

    @Test
    void theBareConsumerReadsEveryRecordOfTheReplayedTopics(KafkaEndpoint kafka) throws Exception {
        createTopics(kafka);
        try (var producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), "cm-u-" + i, "{}")).get(30, TimeUnit.SECONDS);
            }
        }
        ReplayRate rate = new ReplayRate(kafka.bootstrapServers());

        ReplayRate.Result raw = rate.rawRead();

        assertThat(raw.records()).isGreaterThanOrEqualTo(50).isEqualTo(rate.recordsOnTopics());
        assertThat(raw.perSecond()).isFinite().isPositive();
    }

    @Test
    void redisMemoryOfAVersionStagedFromTheResultsTopic(KafkaEndpoint kafka) throws Exception {
        createTopics(kafka);
        AtomicBoolean running = new AtomicBoolean(true);
        try (LocalRedis redis = LocalRedis.start()) {
            HostAndPort address = new HostAndPort(redis.endpoint().host(), redis.endpoint().port());
            Thread loader = Thread.ofVirtual().start(() -> stage(kafka, address, running));
            try {
                RedisMemory.Result twenty = new RedisMemory(kafka.bootstrapServers(), address).measure(20, 60, Duration.ofSeconds(45));

                assertThat(twenty.length()).isEqualTo(20);
                assertThat(twenty.listBytes()).isFinite().isPositive();
                assertThat(twenty.perProduct()).isFinite().isPositive();
                String md = new CapacityReport(null, null, List.of(twenty), List.of()).markdown();
                assertThat(md).contains("| Redis `MEMORY USAGE` of a product list of 20").contains("version of 60 lists of 20");
            } finally {
                running.set(false);
                loader.join(Duration.ofSeconds(10));
            }
        }
    }

    private static void stage(KafkaEndpoint kafka, HostAndPort redis, AtomicBoolean running) {
        ContractSerde<RecoResult> serde = new ContractSerde<>(Contract.RECO_RESULT);
        try (var consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), serde.deserializer());
             JedisPooled jedis = new JedisPooled(redis.getHost(), redis.getPort())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.RECO_RESULTS.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.RECO_RESULTS.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    RecoResult result = record.value();
                    if (result.productId() != null && result.expectedTotal() != null
                            && jedis.setnx(RedisKeys.versionList(result.modelVersion(), result.productId()),
                            result.items().toString().getBytes(StandardCharsets.UTF_8).length + ":" + result.items()) == 1) {
                        jedis.hincrBy(RedisKeys.versionMeta(result.modelVersion()), "loaded", 1);
                    }
                }
            }
        }
    }

    private static void createTopics(KafkaEndpoint kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Topics.createMissing(admin);
        }
    }

    @Test
    void theScoringLineOfTheLaptopsEntryPointIsReadBack() {
        ScoringRuns.Result result = ScoringRuns.Result.parse(
                "scoring-result products=10000 rows=2048 scoring=123456.5 plain=246913.0 rssBefore=314572800 rssGrowth=104857600 table=2560000 heap=52428800");

        assertThat(result.products()).isEqualTo(10_000);
        assertThat(result.queryRows()).isEqualTo(2_048);
        assertThat(result.ratio()).isEqualTo(0.5);
        String md = new CapacityReport(new ReplayRate.Result(100_000, Duration.ofSeconds(2)), new ReplayRate.Result(100_000, Duration.ofMillis(500)),
                List.of(), List.of(result)).markdown();
        assertThat(md).contains("| replay (Kafka → Redis features + PostgreSQL event log) vs a bare KafkaConsumer over the same topics"
                + " | 50,000 records/s | 200,000 records/s | 0.25× |");
        assertThat(md).contains("| scoring, 10,000 products × 64, top 50, lists of 2,048 products (Embeddings.neighbours)"
                + " vs plain DJL matrix product, same shapes | 123,457 scores/s | 246,913 scores/s | 0.50× |");
        assertThat(md).contains("| 10,000 | 2,048 | 2.4 MiB | 300.0 MiB | 100.0 MiB | 50.0 MiB |");
    }

    @Test
    void theQuickPageStatesHowItWasMadeAndCarriesTheCapacitySection() {
        LatencySample serving = new LatencySample(new long[] {2_000_000, 2_000_000}, Duration.ofMillis(2), 0);
        LatencySample redis = new LatencySample(new long[] {500_000, 500_000}, Duration.ofMillis(1), 0);
        ServingRun run = new ServingRun("product pages", 16, serving, PrometheusPages.between(), redis, "2.0–2.5");
        CapacityReport capacity = new CapacityReport(null, null, List.of(new RedisMemory.Result(20, 2880, 400, 480)), List.of());

        String md = new QuickReport(Instant.parse("2026-12-04T23:00:00Z"), "2 cores; 1-minute load average 8.0", run, capacity).markdown();

        assertThat(md).contains("Written by `./nightshift bench quick` on 2026-12-04T23:00:00Z (2 cores; 1-minute load average 8.0)")
                .contains("never edited by hand");
        assertThat(md).contains("| serving throughput, product pages, 16 callers vs Redis round trips, as many callers | 1,000 req/s | 2,000 ops/s | 0.50× |");
        assertThat(md).contains("| Redis `MEMORY USAGE` of a product list of 20 (mean of up to 200 keys) vs target 1 KiB per list of 20 | 400 B | 1,024 B | 0.39× |");
        assertThat(md).doesNotContain("| replay");
    }
}
