package io.nightshift.streams.replay;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.codec.InvalidPayloadException;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.ReplayProgress;
import io.nightshift.schemas.control.ReplayState;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import io.nightshift.streams.StreamsProcessorApplication;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The owner's replay request on {@code reco.control.v1} (as the online API's
 * {@code POST /api/v1/admin/replay} writes it), run by the whole application against a real
 * broker, Redis and PostgreSQL: the features and the event log, rebuilt from the beginning of the
 * topics, are the same as before, and the same again after a second replay. The progress comes
 * back on the control topic: resetting, replaying, caught-up.
 */
@RealServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final List<String> TABLES = List.of("events", "event_ids", "catalog_products", "catalog_history",
            "model_versions", "batch_runs", "control_events", "laptop_heartbeats");

    private static ConfigurableApplicationContext app;
    private static LocalRedis ownRedis;
    private static RedisEndpoint redis;
    private static String jdbcUrl;
    private static PostgresEndpoint postgres;
    private static KafkaEndpoint kafka;
    private static List<String> arguments;

    @BeforeAll
    static void start(KafkaEndpoint kafka, PostgresEndpoint server) throws Exception {
        ownRedis = LocalRedis.start();
        redis = ownRedis.endpoint();
        postgres = server;
        String database = "replay_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = server.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        jdbcUrl = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database;
        ReplayTest.kafka = kafka;
        produceShop(kafka.bootstrapServers());
        // The same ids at every start: a restart is the same deployment, with the same consumer groups.
        arguments = List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--nightshift.redis.host=" + redis.host(),
                "--nightshift.redis.port=" + redis.port(),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + server.user(),
                "--spring.datasource.password=" + server.password(),
                "--server.port=0",
                "--nightshift.streams.application-id=replay-it-" + UUID.randomUUID(),
                "--nightshift.streams.state-dir=" + Drivers.tempDir(),
                "--nightshift.eventlog.group-id=replay-eventlog-" + UUID.randomUUID());
        app = startApp();
    }

    private static ConfigurableApplicationContext startApp() {
        return new SpringApplicationBuilder(StreamsProcessorApplication.class).run(arguments.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (ownRedis != null) {
            ownRedis.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("replaying twice rebuilds exactly the same Redis features and event-log tables")
    void replayIsIdentical() throws Exception {
        ReplayService replay = app.getBean(ReplayService.class);
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500))
                .until(() -> replay.progress("before").state() == ReplayState.CAUGHT_UP && dumpTables().contains("rp-lap"));
        String redisBefore = settledRedis();
        String tablesBefore = dumpTables();
        int before = replay.progress("before").generation();
        assertThat(redisBefore).contains("ns:popular", "ns:trending:rp-kitchen", "ns:product:rp-1", "ns:user:rp-u-1:recent");
        assertThat(tablesBefore).contains("rp-v1", "rp-run-1", "rp-laptop");

        String first = request();
        List<ReplayProgress> firstReports = awaitCaughtUp(first);
        assertThat(firstReports).extracting(ReplayProgress::state)
                .startsWith(ReplayState.RESETTING, ReplayState.REPLAYING).endsWith(ReplayState.CAUGHT_UP);
        assertThat(firstReports.get(1).generation()).isEqualTo(before + 1);
        assertThat(firstReports.getLast().lag()).isNotEmpty().allSatisfy((group, lag) -> assertThat(lag).isZero());
        String redisFirst = settledRedis();
        String tablesFirst = dumpTables();

        assertThat(awaitCaughtUp(request()).getLast().generation()).isEqualTo(before + 2);

        // Trending entries of products whose catalog record came after their events are written by a punctuation (1 s).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dumpRedis()).isEqualTo(redisFirst).isEqualTo(redisBefore);
            assertThat(dumpTables()).isEqualTo(tablesFirst).isEqualTo(tablesBefore);
        });
    }

    @Test
    @Order(2)
    @DisplayName("a request asked while the processor is down waits and runs at its start, past a broken control record; one already handled never runs again")
    void requestsWaitAndRunOnce() throws Exception {
        String handled = request();
        int generation = awaitCaughtUp(handled).getLast().generation();

        app.close();
        // A broken control record ahead of the request: skipped, the request behind it still runs.
        try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            producer.send(new ProducerRecord<>(Topics.RECO_CONTROL.name(), null, "{\"type\":\"replay_requested\",\u0000".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
        String waiting = request();
        Thread.sleep(2_000);
        assertThat(reports(waiting)).as("nobody acts while the processor is down").isEmpty();
        app = startApp();

        List<ReplayProgress> waited = awaitCaughtUp(waiting);
        assertThat(waited.getLast().generation()).isEqualTo(generation + 1);
        // The restarted processor read the whole control topic again, the handled request included.
        for (String replayId : List.of(handled, waiting)) {
            assertThat(reports(replayId)).as(replayId).filteredOn(report -> report.state() == ReplayState.RESETTING).hasSize(1);
        }
        assertThat(app.getBean(ReplayService.class).progress("after").generation()).isEqualTo(generation + 1);
    }

    @Test
    @Order(3)
    @DisplayName("upgrade: a store the old release never wrote is empty after the deploy and built from the start of the topics by the replay")
    void upgradeBuildsANewStoreByReplay() throws Exception {
        String complete = settledRedis();
        // The release before this one did not project purchases: its Redis has none of these keys.
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(io.nightshift.schemas.redis.RedisKeys.userPurchased("*")).count(1000));
                if (!page.getResult().isEmpty()) {
                    jedis.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
        assertThat(complete).contains(":purchased");
        assertThat(dumpRedis()).doesNotContain(":purchased");

        // docs/backups.md, "Upgrading": deploy (a restart of the app), then ./nightshift replay, then check.
        app.close();
        app = startApp();
        // A restart alone resumes the old groups where they were: the past is never read again.
        await().atMost(CATCH_UP).until(() -> app.getBean(ReplayService.class).progress("restart").state() == ReplayState.CAUGHT_UP);
        assertThat(dumpRedis()).doesNotContain(":purchased");
        awaitCaughtUp(request());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dumpRedis()).isEqualTo(complete));
    }

    /** Writes a replay request as the online API does; returns its id. */
    private static String request() throws Exception {
        String replayId = "replay-it-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            send(producer, Topics.RECO_CONTROL.name(), null, Contract.CONTROL_EVENT, ControlEvent.replay(ControlType.REPLAY_REQUESTED,
                    "owner", ReplayProgress.requested(replayId, "from ReplayTest"), Instant.now()));
        }
        return replayId;
    }

    /** The reports of one replay until it has caught up; fails on a failed one. */
    private static List<ReplayProgress> awaitCaughtUp(String replayId) {
        List<ReplayProgress> reports = new ArrayList<>();
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).until(() -> {
            reports.clear();
            reports.addAll(reports(replayId));
            assertThat(reports).extracting(ReplayProgress::state).doesNotContain(ReplayState.FAILED);
            return !reports.isEmpty() && reports.getLast().state() == ReplayState.CAUGHT_UP;
        });
        return reports;
    }

    /** Every report of a replay on the control topic, in order. */
    private static List<ReplayProgress> reports(String replayId) {
        List<ReplayProgress> reports = new ArrayList<>();
        ContractCodec<ControlEvent> codec = ContractCodec.of(Contract.CONTROL_EVENT);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(java.util.Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            var partition = new org.apache.kafka.common.TopicPartition(Topics.RECO_CONTROL.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    ControlEvent event;
                    try {
                        event = codec.decode(record.value());
                    } catch (InvalidPayloadException broken) {
                        return; // the broken record the test wrote
                    }
                    if (event.type() == ControlType.REPLAY_PROGRESS && replayId.equals(event.replay().replayId())) {
                        reports.add(event.replay());
                    }
                });
            }
        }
        return reports;
    }

    /** The events of a small shop over ten days, with recommendations, a model version, a run and heartbeats. */
    private static void produceShop(String bootstrap) throws Exception {
        Instant now = Instant.now();
        Random random = new Random(11);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int p = 1; p <= 4; p++) {
                Product product = new Product("rp-" + p, "Product " + p, p <= 2 ? "rp-kitchen" : "rp-garden", 10.0 * p, true);
                send(producer, Topics.SHOP_CATALOG.name(), product.productId(), Contract.CATALOG_EVENT,
                        CatalogEvent.upsert(UUID.randomUUID(), product, now.minus(Duration.ofDays(11))));
            }
            EventType[] types = {EventType.VIEW, EventType.VIEW, EventType.VIEW, EventType.ADD_TO_CART, EventType.PURCHASE};
            for (int i = 0; i < 120; i++) {
                EventType type = types[random.nextInt(types.length)];
                ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), type, "rp-u-" + random.nextInt(8),
                        "rp-" + (1 + random.nextInt(4)), type == EventType.PURCHASE ? 1.0 : null,
                        now.minus(Duration.ofMinutes(random.nextInt(10 * 24 * 60))));
                send(producer, Topics.SHOP_EVENTS.name(), event.partitionKey(), Contract.SHOP_EVENT, event);
                if (i % 10 == 0) {
                    // A duplicate: counted once, in Redis and in the log.
                    send(producer, Topics.SHOP_EVENTS.name(), event.partitionKey(), Contract.SHOP_EVENT, event);
                }
            }
            RecoContext reco = new RecoContext("rp-r-1", Tier.BATCH, "rp-v1", "control");
            send(producer, Topics.SHOP_EVENTS.name(), "rp-u-1", Contract.SHOP_EVENT, new ShopEvent(UUID.randomUUID(),
                    ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, "rp-u-1", null, "rp-1", null, now.minusSeconds(60), reco));
            send(producer, Topics.SHOP_EVENTS.name(), "rp-u-1", Contract.SHOP_EVENT, new ShopEvent(UUID.randomUUID(),
                    ShopEvent.SCHEMA_VERSION, EventType.RECO_CLICKED, "rp-u-1", null, "rp-2", null, now.minusSeconds(50), reco));
            send(producer, Topics.RECO_CONTROL.name(), "rp-v1", Contract.CONTROL_EVENT,
                    ControlEvent.version(ControlType.VERSION_PUBLISHED, "laptop", new VersionInfo("rp-v1", 4L, null), now.minusSeconds(3600)));
            send(producer, Topics.RECO_CONTROL.name(), "rp-v1", Contract.CONTROL_EVENT,
                    ControlEvent.version(ControlType.VERSION_ACTIVATED, "cloud", new VersionInfo("rp-v1", 4L, null), now.minusSeconds(3500)));
            send(producer, Topics.RECO_CONTROL.name(), "rp-run-1", Contract.CONTROL_EVENT,
                    ControlEvent.run(ControlType.RUN_PROGRESS, "laptop", new io.nightshift.schemas.control.RunProgress("rp-run-1", io.nightshift.schemas.control.RunStatus.COMPLETED, "publish", 4, 4, null),
                            now.minusSeconds(3400)));
            for (int s = 0; s < 5; s++) {
                send(producer, Topics.LAPTOP_HEARTBEAT.name(), "rp-laptop", Contract.HEARTBEAT, new Heartbeat("rp-laptop",
                        Heartbeat.SCHEMA_VERSION, now.minusSeconds(200 - 20L * s), "idle", "ac", 55.0 + s, "cpu()", null, null, 0L));
            }
            // The marker the first wait looks for: the last record of the last topic.
            send(producer, Topics.LAPTOP_HEARTBEAT.name(), "rp-laptop", Contract.HEARTBEAT, new Heartbeat("rp-laptop",
                    Heartbeat.SCHEMA_VERSION, now, "idle", "ac", 50.0, "rp-lap", null, null, 0L));
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(java.util.Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static <T> void send(KafkaProducer<String, byte[]> producer, String topic, String key, Contract<T> contract, T value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, ContractCodec.of(contract).encode(value))).get(30, TimeUnit.SECONDS);
    }

    /** Every feature key a replay rebuilds, with its content; scores to 10 significant digits (sums in another order round differently). */
    /**
     * The Redis features once the topology has applied everything: "caught up" speaks for the
     * event-log sink, while the feature topology may still be working through its input on a busy
     * machine, so the dump must stay the same across two polls longer than the trending punctuation.
     */
    private static String settledRedis() {
        String[] last = {""};
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(1500)).until(() -> {
            String now = dumpRedis();
            boolean settled = now.equals(last[0]);
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    private static String dumpRedis() {
        TreeMap<String, String> dump = new TreeMap<>();
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            for (String pattern : FeatureKeys.PATTERNS) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(pattern).count(1000));
                    for (String key : page.getResult()) {
                        dump.put(key, content(jedis, key));
                    }
                    cursor = page.getCursor();
                } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            }
        }
        StringBuilder text = new StringBuilder();
        dump.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        return text.toString();
    }

    private static String content(Jedis jedis, String key) {
        return switch (jedis.type(key)) {
            case "hash" -> new TreeMap<>(jedis.hgetAll(key)).toString();
            case "zset" -> {
                List<String> members = new ArrayList<>();
                for (Tuple tuple : jedis.zrangeWithScores(key, 0, -1)) {
                    members.add(tuple.getElement() + ":" + String.format(Locale.ROOT, "%.10g", tuple.getScore()));
                }
                members.sort(null);
                yield members.toString();
            }
            case "list" -> jedis.lrange(key, 0, -1).toString();
            case "set" -> new java.util.TreeSet<>(jedis.smembers(key)).toString();
            default -> jedis.get(key);
        };
    }

    /** Every row of every table the sink fills, without the ingestion time. */
    private static String dumpTables() throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                // The replays' own requests and reports are new rows each time: they are the story, not the state.
                String ownRows = table.equals("control_events") ? " WHERE t.type NOT LIKE 'replay\\_%'" : "";
                try (ResultSet rows = statement.executeQuery(
                        "SELECT (to_jsonb(t) - 'ingested_at')::text FROM " + table + " t" + ownRows + " ORDER BY 1")) {
                    while (rows.next()) {
                        text.append(table).append(' ').append(rows.getString(1)).append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            // Until the sink has migrated the schema the tables do not exist.
            return "";
        }
        return text.toString();
    }
}
