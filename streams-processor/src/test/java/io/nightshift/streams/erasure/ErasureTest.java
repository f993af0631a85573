package io.nightshift.streams.erasure;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.ReplayState;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import io.nightshift.streams.StreamsProcessorApplication;
import io.nightshift.streams.replay.ReplayService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shopper's erasure, honoured by the whole application against a real broker, Redis and
 * PostgreSQL: their features and analysts' rows go, a late copy of an old event stays out, an
 * event after the request is kept, a replay does not bring the old ones back, an erasure written
 * while the processor was down is honoured at its start, and another shopper is untouched.
 */
@RealServers
class ErasureTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ERASED = "er-" + RUN + "-erased";
    private static final String KEPT = "er-" + RUN + "-kept";
    private static final String WHILE_DOWN = "er-" + RUN + "-down";

    private static ConfigurableApplicationContext app;
    private static LocalRedis ownRedis;
    private static RedisEndpoint redis;
    private static KafkaEndpoint kafka;
    private static PostgresEndpoint postgres;
    private static String jdbcUrl;
    private static List<String> arguments;
    private static FeatureStore store;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, PostgresEndpoint server) throws Exception {
        ownRedis = LocalRedis.start();
        redis = ownRedis.endpoint();
        kafka = kafkaEndpoint;
        postgres = server;
        String database = "erasure_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = server.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        jdbcUrl = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + database;
        arguments = List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--nightshift.redis.host=" + redis.host(),
                "--nightshift.redis.port=" + redis.port(),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + server.user(),
                "--spring.datasource.password=" + server.password(),
                "--server.port=0",
                "--nightshift.streams.application-id=erasure-it-" + RUN,
                "--nightshift.streams.state-dir=" + Drivers.tempDir(),
                "--nightshift.eventlog.group-id=erasure-eventlog-" + RUN);
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
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
        if (store != null) {
            store.close();
        }
        if (ownRedis != null) {
            ownRedis.close();
        }
    }

    @Test
    void anErasedShopperLeavesRedisAndThePostgresLogForGoodAndNobodyElseDoes() throws Exception {
        Instant before = Instant.now().minus(Duration.ofHours(2));
        send(Topics.SHOP_EVENTS, ERASED, Contract.SHOP_EVENT, event(EventType.VIEW, ERASED, "er-p-1", before));
        send(Topics.SHOP_EVENTS, ERASED, Contract.SHOP_EVENT, event(EventType.PURCHASE, ERASED, "er-p-2", before.plusSeconds(60)));
        send(Topics.SHOP_EVENTS, KEPT, Contract.SHOP_EVENT, event(EventType.VIEW, KEPT, "er-p-1", before));
        store.versions().stageUserList("er-v1-" + RUN, ERASED, List.of(new ScoredItem("er-p-3", 0.5)), before, 5);
        store.versions().stageUserList("er-v1-" + RUN, KEPT, List.of(new ScoredItem("er-p-3", 0.5)), before, 5);
        // The features and the event-log sink run apart, and the two shoppers' events sit in different partitions: wait for all four.
        await().atMost(WITHIN).until(() -> rows(ERASED) == 2 && rows(KEPT) == 1 && recent(ERASED).size() == 2 && recent(KEPT).size() == 1);
        assertThat(purchased(ERASED)).containsExactly("er-p-2");

        Erasure erasure = Erasure.of(UUID.randomUUID(), ERASED, Instant.now());
        send(Topics.SHOP_ERASURES, ERASED, Contract.ERASURE, erasure);

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(rows(ERASED)).isZero();
            assertThat(recent(ERASED)).isEmpty();
        });
        assertThat(purchased(ERASED)).isEmpty();
        assertThat(userList(ERASED)).isFalse();
        assertThat(rows(KEPT)).isEqualTo(1);
        assertThat(recent(KEPT)).containsExactly("er-p-1");
        assertThat(userList(KEPT)).isTrue();

        // A late copy of an event from before the request (a spooled one, an import): stays out.
        // An event after the request: the shopper came back, a new relationship: kept.
        send(Topics.SHOP_EVENTS, ERASED, Contract.SHOP_EVENT, event(EventType.VIEW, ERASED, "er-p-late", before.plusSeconds(120)));
        send(Topics.SHOP_EVENTS, ERASED, Contract.SHOP_EVENT, event(EventType.VIEW, ERASED, "er-p-new", erasure.requestedAt().plusMillis(500)));
        send(Topics.SHOP_EVENTS, KEPT, Contract.SHOP_EVENT, event(EventType.VIEW, KEPT, "er-p-2", before.plusSeconds(120)));
        await().atMost(WITHIN).until(() -> rows(KEPT) == 2 && rows(ERASED) == 1 && recent(ERASED).size() == 1);
        assertThat(products(ERASED)).containsExactly("er-p-new");
        assertThat(recent(ERASED)).containsExactly("er-p-new");

        ReplayService replay = app.getBean(ReplayService.class);
        assertThat(replay.replay("erasure-" + RUN).state()).isEqualTo(ReplayState.REPLAYING);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> replay.progress("erasure-" + RUN).state() == ReplayState.CAUGHT_UP
                && rows(KEPT) == 2 && recent(KEPT).size() == 2 && recent(ERASED).size() == 1);
        assertThat(products(ERASED)).as("after the replay").containsExactly("er-p-new");
        assertThat(recent(ERASED)).containsExactly("er-p-new");
        assertThat(products(KEPT)).containsExactlyInAnyOrder("er-p-1", "er-p-2");
    }

    @Test
    void anErasureWrittenWhileTheProcessorIsDownIsHonouredAtItsStart() throws Exception {
        Instant before = Instant.now().minus(Duration.ofHours(3));
        send(Topics.SHOP_EVENTS, WHILE_DOWN, Contract.SHOP_EVENT, event(EventType.VIEW, WHILE_DOWN, "er-p-1", before));
        await().atMost(WITHIN).until(() -> rows(WHILE_DOWN) == 1 && recent(WHILE_DOWN).size() == 1);

        app.close();
        app = null;
        send(Topics.SHOP_ERASURES, WHILE_DOWN, Contract.ERASURE, Erasure.of(UUID.randomUUID(), WHILE_DOWN, Instant.now()));
        app = startApp();

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(rows(WHILE_DOWN)).isZero();
            assertThat(recent(WHILE_DOWN)).isEmpty();
        });
        assertThat(app.getBean(ErasureWatch.class).pendingCount()).isZero();
    }

    private static ShopEvent event(EventType type, String userId, String productId, Instant at) {
        return ShopEvent.interaction(UUID.randomUUID(), type, userId, productId, type == EventType.PURCHASE ? 1.0 : null, at);
    }

    private static <T> void send(io.nightshift.schemas.topic.TopicSpec topic, String key, Contract<T> contract, T value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, ContractCodec.of(contract).encode(value))).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> recent(String userId) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            return jedis.zrange(RedisKeys.userRecent(userId), 0, -1);
        }
    }

    private static java.util.Set<String> purchased(String userId) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            return jedis.smembers(RedisKeys.userPurchased(userId));
        }
    }

    private static boolean userList(String userId) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            return jedis.exists(RedisKeys.userVersionList("er-v1-" + RUN, userId));
        }
    }

    /** The shopper's rows in the analysts' events table; -1 while the table is not there yet. */
    private static int rows(String userId) {
        return products(userId) == null ? -1 : products(userId).size();
    }

    private static List<String> products(String userId) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
             PreparedStatement query = connection.prepareStatement("SELECT product_id FROM events WHERE user_id = ? ORDER BY occurred_at")) {
            query.setString(1, userId);
            List<String> products = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    products.add(rows.getString(1));
                }
            }
            return products;
        } catch (java.sql.SQLException e) {
            return null;
        }
    }
}
