package io.nightshift.streams.analystlog;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every {@code sql} block of {@code docs/analysts.md}, run as the {@code analyst} role against a
 * real PostgreSQL filled by the sink from a real broker: each must run and return rows.
 */
@RealServers
class AnalystDocsTest {

    private static final Path DOC = Path.of("..", "docs", "analysts.md");
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    private static FreshDatabase db;
    private static EventLogSink sink;

    @BeforeAll
    static void fillTheLog(KafkaEndpoint kafka, PostgresEndpoint postgres) throws Exception {
        db = FreshDatabase.create(postgres);
        String run = "doc-run-" + UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        produceShop(kafka.bootstrapServers(), run, marker);
        sink = new EventLogSink(LogConnection.plaintext(kafka.bootstrapServers()),
                new EventLogSettings(true, "eventlog-docs-" + UUID.randomUUID(), 500, Duration.ofMillis(200), Duration.ofMillis(500), "analyst"),
                db.dataSource());
        sink.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() ->
                count("SELECT count(*) FROM events WHERE event_id = '" + marker + "'") == 1
                        && count("SELECT count(*) FROM laptop_heartbeats WHERE laptop_id = 'doc-laptop'") > 0
                        && count("SELECT count(*) FROM batch_runs WHERE run_id = '" + run + "' AND finished_at IS NOT NULL") == 1
                        && count("SELECT count(*) FROM model_versions WHERE model_version = 'doc-v1' AND status = 'active'") == 1);
    }

    @AfterAll
    static void stopSink() {
        if (sink != null) {
            sink.stop();
        }
    }

    @TestFactory
    @DisplayName("every query in docs/analysts.md runs as the analyst and returns rows")
    Stream<DynamicTest> everyDocumentedQueryAnswers() throws IOException {
        List<String> queries = queries();
        assertThat(queries).as("sql blocks in " + DOC).hasSizeGreaterThanOrEqualTo(10);
        return queries.stream().map(query -> DynamicTest.dynamicTest(query.lines().findFirst().orElse(query), () -> {
            try (Connection analyst = db.connectAs("analyst", "analyst"); Statement statement = analyst.createStatement();
                 ResultSet rows = statement.executeQuery(query)) {
                assertThat(rows.next()).as("rows of:\n" + query).isTrue();
            }
        }));
    }

    private static List<String> queries() throws IOException {
        Matcher blocks = SQL_BLOCK.matcher(Files.readString(DOC));
        List<String> queries = new ArrayList<>();
        while (blocks.find()) {
            queries.add(blocks.group(1).strip().replaceAll(";$", ""));
        }
        return queries;
    }

    /** A small shop's last days: catalog, interactions, recommendations, a model version, a run and heartbeats. */
    private static void produceShop(String bootstrap, String run, UUID marker) throws Exception {
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int p = 1; p <= 4; p++) {
                Product product = new Product("doc-p-" + p, "Doc product " + p, p <= 2 ? "doc-kitchen" : "doc-garden", 10.0 * p, true);
                send(producer, Topics.SHOP_CATALOG.name(), product.productId(), Contract.CATALOG_EVENT,
                        CatalogEvent.upsert(UUID.randomUUID(), product, now.minus(Duration.ofDays(5))));
            }
            for (int i = 0; i < 3; i++) {
                interaction(producer, EventType.VIEW, "doc-u-9", "doc-p-2", now.minus(Duration.ofHours(5 + i)));
            }
            for (int u = 1; u <= 4; u++) {
                String user = "doc-u-" + u;
                interaction(producer, EventType.VIEW, user, "doc-p-" + u, now.minus(Duration.ofHours(30 + u)));
                interaction(producer, EventType.ADD_TO_CART, user, "doc-p-" + u, now.minus(Duration.ofHours(29 + u)));
                interaction(producer, EventType.PURCHASE, user, "doc-p-" + u, now.minus(Duration.ofHours(28 + u)));
            }
            send(producer, Topics.RECO_CONTROL.name(), "doc-v1", Contract.CONTROL_EVENT, ControlEvent.version(ControlType.VERSION_PUBLISHED,
                    "laptop", new VersionInfo("doc-v1", 4L, new Lineage("als", Map.of("factors", "16"), Map.of("ndcg@10", 0.31),
                            "shop.events.v1:0-100", "test")), now.minus(Duration.ofDays(2))));
            send(producer, Topics.RECO_CONTROL.name(), "doc-v1", Contract.CONTROL_EVENT, ControlEvent.version(ControlType.VERSION_ACTIVATED,
                    "laptop", new VersionInfo("doc-v1", 4L, null), now.minus(Duration.ofDays(2)).plusSeconds(60)));
            send(producer, Topics.RECO_CONTROL.name(), run, Contract.CONTROL_EVENT, ControlEvent.run(ControlType.RUN_PROGRESS, "laptop",
                    new RunProgress(run, RunStatus.RUNNING, "train", 0, 4, null), now.minus(Duration.ofDays(2)).minusSeconds(600)));
            send(producer, Topics.RECO_CONTROL.name(), run, Contract.CONTROL_EVENT, ControlEvent.run(ControlType.RUN_PROGRESS, "laptop",
                    new RunProgress(run, RunStatus.COMPLETED, "publish", 4, 4, null), now.minus(Duration.ofDays(2))));
            for (int r = 0; r < 3; r++) {
                RecoContext reco = new RecoContext("doc-r-" + UUID.randomUUID(), Tier.BATCH, "doc-v1", r == 0 ? "treatment" : "control");
                send(producer, Topics.SHOP_EVENTS.name(), "doc-u-1", Contract.SHOP_EVENT, new ShopEvent(UUID.randomUUID(),
                        ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, "doc-u-1", null, "doc-p-1", null, now.minusSeconds(600 - r), reco));
                if (r < 2) {
                    send(producer, Topics.SHOP_EVENTS.name(), "doc-u-1", Contract.SHOP_EVENT, new ShopEvent(UUID.randomUUID(),
                            ShopEvent.SCHEMA_VERSION, EventType.RECO_CLICKED, "doc-u-1", null, "doc-p-2", null, now.minusSeconds(590 - r), reco));
                }
            }
            for (int minute = 0; minute < 5; minute++) {
                send(producer, Topics.LAPTOP_HEARTBEAT.name(), "doc-laptop", Contract.HEARTBEAT, new Heartbeat("doc-laptop",
                        Heartbeat.SCHEMA_VERSION, now.minus(Duration.ofMinutes(minute)), minute == 0 ? "running" : "idle",
                        minute == 1 ? "battery" : "ac", 60.0 + minute, "cpu()", null, null, 0L));
            }
            send(producer, Topics.SHOP_EVENTS.name(), "doc-u-5", Contract.SHOP_EVENT,
                    ShopEvent.interaction(marker, EventType.VIEW, "doc-u-5", "doc-p-3", null, now));
        }
    }

    private static void interaction(KafkaProducer<String, byte[]> producer, EventType type, String user, String product, Instant at)
            throws Exception {
        send(producer, Topics.SHOP_EVENTS.name(), user, Contract.SHOP_EVENT,
                ShopEvent.interaction(UUID.randomUUID(), type, user, product, type == EventType.PURCHASE ? 1.0 : null, at));
    }

    private static <T> void send(KafkaProducer<String, byte[]> producer, String topic, String key, Contract<T> contract, T value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, ContractCodec.of(contract).encode(value))).get(30, TimeUnit.SECONDS);
    }

    private static long count(String query) {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            // Until the sink has migrated the schema the tables do not exist.
            return 0;
        }
    }
}
