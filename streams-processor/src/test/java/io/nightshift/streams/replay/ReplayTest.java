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
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import io.nightshift.streams.StreamsProcessorApplication;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * {@code POST /api/v1/admin/replay} on the whole application against a real broker, Redis and
 * PostgreSQL: the features and the event log, rebuilt from the beginning of the topics, are the
 * same as before, and the same again after a second replay.
 */
@RealServers
class ReplayTest {

    private static final String TOKEN = "nightshift-demo-token";
    private static final List<String> TABLES = List.of("events", "event_ids", "catalog_products", "catalog_history",
            "model_versions", "batch_runs", "control_events", "laptop_heartbeats");

    private static ConfigurableApplicationContext app;
    private static LocalRedis ownRedis;
    private static RedisEndpoint redis;
    private static String jdbcUrl;
    private static PostgresEndpoint postgres;

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
        produceShop(kafka.bootstrapServers());
        app = new SpringApplicationBuilder(StreamsProcessorApplication.class).run(
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
    @DisplayName("replaying twice rebuilds exactly the same Redis features and event-log tables")
    void replayIsIdentical() throws Exception {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> caughtUp(http("GET", 200)) && dumpTables().contains("rp-lap"));
        String redisBefore = dumpRedis();
        String tablesBefore = dumpTables();
        assertThat(redisBefore).contains("ns:popular", "ns:trending:rp-kitchen", "ns:product:rp-1", "ns:user:rp-u-1:recent");
        assertThat(tablesBefore).contains("rp-v1", "rp-run-1", "rp-laptop");

        String first = http("POST", 202);
        assertThat(first).contains("\"state\":\"replaying\"", "\"generation\":1");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> caughtUp(http("GET", 200)));
        String redisFirst = dumpRedis();
        String tablesFirst = dumpTables();

        assertThat(http("POST", 202)).contains("\"generation\":2");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> caughtUp(http("GET", 200)));

        // Trending entries of products whose catalog record came after their events are written by a punctuation (1 s).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(dumpRedis()).isEqualTo(redisFirst).isEqualTo(redisBefore);
            assertThat(dumpTables()).isEqualTo(tablesFirst).isEqualTo(tablesBefore);
        });
    }

    @Test
    @DisplayName("replay needs the admin token")
    void replayNeedsTheToken() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("Authorization");
        }
    }

    private static boolean caughtUp(String status) {
        return (status.contains("\"state\":\"caught-up\"") || status.contains("\"state\":\"idle\""))
                && status.matches("(?s).*\"lag\":\\{\"[^}]+\\}.*") && !status.matches("(?s).*\"lag\":\\{[^}]*:[1-9].*");
    }

    /** The events of a small shop over ten days, with recommendations, a model version, a run and heartbeats. */
    private static void produceShop(String bootstrap) throws Exception {
        Instant now = Instant.now();
        Random random = new Random(11);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(java.util.Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
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

    private static <T> void send(KafkaProducer<String, byte[]> producer, String topic, String key, Contract<T> contract, T value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, ContractCodec.of(contract).encode(value))).get(30, TimeUnit.SECONDS);
    }

    /** Every feature key a replay rebuilds, with its content; scores to 10 significant digits (sums in another order round differently). */
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
                try (ResultSet rows = statement.executeQuery(
                        "SELECT (to_jsonb(t) - 'ingested_at')::text FROM " + table + " t ORDER BY 1")) {
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

    private static URI uri() {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/api/v1/admin/replay");
    }

    private static String http(String method, int expectedStatus) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri()).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofMinutes(2));
            request = method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
            return response.body();
        }
    }
}
