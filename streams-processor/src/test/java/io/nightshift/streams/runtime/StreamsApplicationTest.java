package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.StoredList;
import io.nightshift.featurestore.VersionStatus;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalRedis;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import io.nightshift.streams.StreamsProcessorApplication;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

/**
 * The whole application as the supervisor runs it, against a real broker with exactly-once,
 * a real Redis and a real PostgreSQL.
 */
@RealServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamsApplicationTest {

    private static final String VERSION = "it-" + UUID.randomUUID().toString().substring(0, 8);
    /** The decay epoch and the time of every event, so scores are plain sums of weights. */
    private static final Instant AT = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final List<ScoredItem> ITEMS = List.of(new ScoredItem("it-p-2", 0.9));

    private static ConfigurableApplicationContext app;
    private static FeatureStore store;
    private static KafkaProducer<String, byte[]> producer;
    private static String bootstrap;
    private static PostgresEndpoint postgres;
    private static LocalRedis ownRedis;

    @BeforeAll
    static void startApplication(KafkaEndpoint kafka, PostgresEndpoint postgres) {
        // A Redis of its own, so the outage test can stop it without disturbing other test classes.
        ownRedis = LocalRedis.start();
        RedisEndpoint redis = ownRedis.endpoint();
        bootstrap = kafka.bootstrapServers();
        StreamsApplicationTest.postgres = postgres;
        store = Drivers.emptyStore(redis);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
        app = new SpringApplicationBuilder(StreamsProcessorApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--nightshift.redis.host=" + redis.host(),
                "--nightshift.redis.port=" + redis.port(),
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--server.port=0",
                "--nightshift.features.epoch=" + AT,
                "--nightshift.streams.application-id=streams-it-" + UUID.randomUUID(),
                "--nightshift.streams.state-dir=" + Drivers.tempDir(),
                "--nightshift.eventlog.group-id=eventlog-it-" + UUID.randomUUID(),
                "--nightshift.watch.refresh-every=500ms");
    }

    @AfterAll
    static void stopApplication() {
        if (app != null) {
            app.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (store != null) {
            store.close();
        }
        if (ownRedis != null) {
            ownRedis.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("catalog, events and a version's lists end up in Redis; the version is activated whole, and duplicates change nothing")
    void endToEnd() throws Exception {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(health()).contains("\"status\":\"UP\""));
        // Anonymous callers learn the status, not addresses, paths or which links exist.
        assertThat(health()).doesNotContain(bootstrap).doesNotContain("127.0.0.1").doesNotContain("components").doesNotContain("details");

        send(Topics.SHOP_CATALOG.name(), "it-p-1", Contract.CATALOG_EVENT,
                CatalogEvent.upsert(UUID.randomUUID(), new Product("it-p-1", "Skillet", "it-kitchen", 30.0, true), Instant.now()));
        await().atMost(Duration.ofSeconds(90)).until(() -> store.catalog().product("it-p-1").isPresent());

        ShopEvent view = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "it-u-1", "it-p-1", null, AT);
        ShopEvent purchase = ShopEvent.interaction(UUID.randomUUID(), EventType.PURCHASE, "it-u-1", "it-p-1", 1.0, AT);
        List<RecoResult> lists = List.of(batchList("it-p-1"), batchList("it-p-2"));
        send(Topics.SHOP_EVENTS.name(), "it-u-1", Contract.SHOP_EVENT, view);
        send(Topics.SHOP_EVENTS.name(), "it-u-1", Contract.SHOP_EVENT, view);
        send(Topics.SHOP_EVENTS.name(), "it-u-1", Contract.SHOP_EVENT, purchase);
        send(Topics.RECO_RESULTS.name(), "it-p-1", Contract.RECO_RESULT, lists.get(0));
        // Asked for before the last list is there: it must wait, never showing a half-loaded version.
        send(Topics.RECO_CONTROL.name(), VERSION, Contract.CONTROL_EVENT,
                ControlEvent.version(ControlType.ACTIVATION_REQUESTED, "laptop", new VersionInfo(VERSION, 2L, null), Instant.now()));
        await().atMost(Duration.ofSeconds(90)).until(() -> store.versions().versionStatus(VERSION).isPresent());
        assertThat(store.versions().activeVersion()).isEmpty();
        send(Topics.RECO_RESULTS.name(), "it-p-2", Contract.RECO_RESULT, lists.get(1));

        await().atMost(Duration.ofSeconds(90)).until(() -> store.versions().activeVersion().filter(VERSION::equals).isPresent());
        await().atMost(Duration.ofSeconds(90)).until(() -> popularIs("it-p-1", 6));
        assertThat(probe(store).versionList(VERSION, "it-p-2")).map(StoredList::items).contains(ITEMS);
        // At the epoch the recent and baseline sums both equal the weights: the trending score is ln(6).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe(store).trending("it-kitchen", 10))
                .singleElement().satisfies(item -> assertThat(item.score()).isCloseTo(Math.log(6), org.assertj.core.api.Assertions.within(1e-9))));
        assertThat(probe(store).recentItems("it-u-1")).containsExactly("it-p-1");
        assertThat(probe(store).purchased("it-u-1")).containsExactly("it-p-1");
        assertThat(activationsAnnounced()).containsExactly(VERSION);

        // Duplicates of everything, then a marker: once the marker is counted, the duplicates were seen too.
        send(Topics.SHOP_EVENTS.name(), "it-u-1", Contract.SHOP_EVENT, view);
        send(Topics.SHOP_EVENTS.name(), "it-u-1", Contract.SHOP_EVENT, purchase);
        for (RecoResult list : lists) {
            send(Topics.RECO_RESULTS.name(), list.productId(), Contract.RECO_RESULT, list);
        }
        producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), "it-poison", "{\"not\": \"an event\"}".getBytes())).get(30, TimeUnit.SECONDS);
        send(Topics.SHOP_EVENTS.name(), "it-u-1", Contract.SHOP_EVENT,
                ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "it-u-1", "it-p-marker", null, AT));
        await().atMost(Duration.ofSeconds(90)).until(() -> popularIs("it-p-marker", 1));

        assertThat(popularIs("it-p-1", 6)).isTrue();
        assertThat(store.versions().versionStatus(VERSION)).contains(new VersionStatus(VERSION, 2, 2, true));
        assertThat(probe(store).versionHistory()).containsExactly(VERSION);
        assertThat(committedRecords(Topics.SHOP_EVENTS.deadLetters().name(), record -> "it-poison".equals(record.key())))
                .as("the poison record, dead-lettered inside the exactly-once transaction").hasSize(1);
        assertThat(get("/actuator/prometheus")).as("dead letters are counted per source topic")
                .containsPattern("nightshift_dlq_records_total\\{[^}]*topic=\"shop.events.v1\"[^}]*} [1-9]");

        // The same topics, in the analysts' PostgreSQL: once each, and the activation with who asked for it.
        await().atMost(Duration.ofSeconds(90)).until(() -> sql("SELECT count(*) FROM events WHERE user_id = 'it-u-1'").equals("3"));
        await().atMost(Duration.ofSeconds(90)).until(() -> "active laptop".equals(
                sql("SELECT status || ' ' || activated_by FROM model_versions WHERE model_version = '" + VERSION + "'")));
        assertThat(sql("SELECT count(*) FROM events WHERE event_id = '" + view.eventId() + "'")).isEqualTo("1");
        assertThat(sql("SELECT category FROM catalog_products WHERE product_id = 'it-p-1'")).isEqualTo("it-kitchen");

        // Read from Kafka and Redis, not counted in process: the dead-letter topic, the active version, the lags.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/actuator/prometheus"))
                .containsPattern("nightshift_dlq_topic_records\\{topic=\"shop.events.v1.dlq\"} [1-9]")
                .containsPattern("nightshift_model_version_active_info\\{model_version=\"" + VERSION + "\"} 1")
                .containsPattern("nightshift_model_version_activated_timestamp_seconds [1-9]")
                .containsPattern("nightshift_kafka_consumer_lag_records\\{group=\"eventlog-it-[^\"]+\",topic=\"shop.events.v1\"} 0")
                .containsPattern("nightshift_kafka_consumer_lag_records\\{group=\"streams-it-[^\"]+-features\",topic=\"shop.events.v1\"} ")
                .containsPattern("nightshift_eventlog_lag_records 0"));
    }

    private static String sql(String query) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            // Until the sink has migrated the schema the tables do not exist: not yet, rather than a failure.
            return null;
        }
    }

    @Test
    @Order(2)
    @DisplayName("while Redis is away events wait in Kafka and health says DOWN; once it is back they are applied and health says UP")
    void redisOutage() throws Exception {
        ownRedis.stop();
        send(Topics.SHOP_EVENTS.name(), "it-u-2", Contract.SHOP_EVENT,
                ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "it-u-2", "it-p-outage", null, AT));
        // Long enough for the stream thread to fail on Redis and be replaced at least once.
        Thread.sleep(5_000);
        assertThat(health()).contains("\"status\":\"DOWN\"");

        ownRedis.restart();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health()).contains("\"status\":\"UP\""));

        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> probe(store).recentItems("it-u-2").contains("it-p-outage"));
        // Popular is summed by product after the re-keying topic, one commit later than the shopper's recent items.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> popularIs("it-p-outage", 1));
    }

    /** Popular holds ln of the decayed sum; at the epoch that is ln of the summed weights. */
    private static boolean popularIs(String productId, double summedWeights) {
        return probe(store).popular(10).stream().anyMatch(item -> item.productId().equals(productId)
                && Math.abs(item.score() - Math.log(summedWeights)) < 1e-9);
    }

    private static RecoResult batchList(String productId) {
        return new RecoResult(UUID.randomUUID(), RecoResult.SCHEMA_VERSION, ResultKind.BATCH, VERSION, productId, ITEMS, Instant.now(), 2L);
    }

    private static <T> void send(String topic, String key, Contract<T> contract, T value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, ContractCodec.of(contract).encode(value))).get(30, TimeUnit.SECONDS);
    }

    /** version_activated announcements for this test's version, as a read_committed consumer sees them. */
    private static List<String> activationsAnnounced() {
        return committedRecords(Topics.RECO_CONTROL.name(), record -> {
            ControlEvent event = ContractCodec.of(Contract.CONTROL_EVENT).decode(record.value());
            return event.type() == ControlType.VERSION_ACTIVATED && VERSION.equals(event.version().modelVersion());
        }).stream().map(record -> ContractCodec.of(Contract.CONTROL_EVENT).decode(record.value()).version().modelVersion()).toList();
    }

    /** The committed records of a topic that match, read from the beginning until one matches (or 20 s pass) and the topic is drained. */
    private static List<ConsumerRecord<String, byte[]>> committedRecords(String topic, Predicate<ConsumerRecord<String, byte[]>> matching) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean drained = false;
            while (System.nanoTime() < deadline && (found.isEmpty() || !drained)) {
                var records = consumer.poll(Duration.ofMillis(500));
                drained = records.isEmpty();
                records.forEach(record -> {
                    if (matching.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    private static String health() throws Exception {
        return get("/actuator/health");
    }

    private static String get(String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
