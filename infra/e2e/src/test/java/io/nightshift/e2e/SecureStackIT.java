package io.nightshift.e2e;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.demo.DemoSeeder;
import io.nightshift.cli.demo.DemoShop;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackOptions;
import io.nightshift.cli.stack.StackSecrets;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.infra.local.SecureKafkaEndpoint;
import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.schemas.access.KafkaAccess;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.exceptions.JedisDataException;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code ./nightshift demo --secure} promises, on the real runnable jars, over the secured
 * links: the three apps under the {@code prod} profile with generated secrets, each logged in to
 * Kafka over TLS as its own principal, to Redis with its password over TLS, the streams processor
 * to PostgreSQL with its password. The demo's path still works end to end (a seeded shop, a batch
 * run from the laptop reaching shoppers, events in the analysts' log), and each lock holds.
 * One stack start for the whole class: it costs minutes on a loaded machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureStackIT {

    private static Stack stack;
    private static StackLayout layout;
    private static StackSecrets secrets;
    private static ApiClient api;
    private static DemoShop shop;

    @BeforeAll
    static void startTheSecureStack() throws Exception {
        Path home = Path.of(System.getProperty("nightshift.home"));
        // Beside the plaintext IT's folder, never inside it: each stack wipes its own folder on the way out.
        Path stateDir = Path.of(System.getProperty("nightshift.e2e.stateDir")).resolveSibling("secure-stack");
        Files.createDirectories(stateDir);
        Progress progress = new Progress(System.out);
        layout = new StackLayout(home, stateDir);
        stack = Stack.start(layout, new StackOptions(FreePorts.next(), true).secured(), progress);
        secrets = stack.state().secureSecrets().orElseThrow(() -> new AssertionError("a secure stack names its secrets file"));
        api = new ApiClient(stack.apiUrl(), secrets.adminToken(), secrets.catalogKey());
        shop = DemoShop.generate(42, 200, Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10)));
        DemoSeeder seeder = new DemoSeeder(api, progress);
        seeder.loadCatalog(shop);
        seeder.loadEvents(shop);
        stack.markReady();
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theSecretsAreGeneratedOwnerOnlyAndTheDemosAreRefused() throws Exception {
        Path file = Path.of(stack.state().secrets());
        assertThat(file).isEqualTo(layout.secretsFile());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        ApiClient demo = new ApiClient(stack.apiUrl(), ApiClient.DEMO_TOKEN, ApiClient.DEMO_CATALOG_KEY);
        assertThat(demo.get("/api/v1/admin/laptop").status()).as("the demo token").isEqualTo(401);
        assertThat(demo.post("/api/v1/catalog", List.of()).status()).as("the demo catalog key").isIn(401, 403);
        assertThat(api.get("/api/v1/admin/laptop").status()).as("the generated token").isEqualTo(200);

        // The apps got their secrets as environment variables: none shows in their command lines (ps).
        for (String app : List.of(Stack.ONLINE_API, Stack.STREAMS, Stack.LAPTOP)) {
            assertThat(Files.readString(layout.logs().resolve(app + ".log")))
                    .as(app + " runs the production profile, whose checks passed").contains("profile is active: \"prod\"");
            String commandLine = ProcessHandle.of(stack.app(app).pid()).orElseThrow().info().commandLine().orElse("");
            assertThat(commandLine).as(app + "'s command line").isNotBlank()
                    .doesNotContain(secrets.adminToken(), secrets.redisPassword(), secrets.databasePassword(),
                            secrets.kafkaPassword(KafkaAccess.LAPTOP.principal()));
        }
    }

    @Test
    @Order(2)
    void aBatchRunFromTheLaptopOverSaslSslReachesShoppersAsTheBatchTier() {
        DemoSeeder seeder = new DemoSeeder(api, new Progress(System.out));
        seeder.requestBatchRun();
        JsonNode answer = seeder.awaitTier(shop.showcaseProduct(), "batch", Duration.ofMinutes(4));
        assertThat(answer).isNotNull();
        assertThat(answer.path("tier").asString()).as(answer.toString()).isEqualTo("batch");
        assertThat(answer.path("modelVersion").asString()).isNotBlank();
        assertThat(answer.path("items").size()).isPositive();
    }

    @Test
    @Order(3)
    void eventsLandInPostgresqlForTheAnalystsWithTheirPasswordOnly() throws Exception {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("schemaVersion", 2);
        event.put("type", "view");
        event.put("userId", "u-0001");
        event.put("productId", shop.showcaseProduct());
        event.put("occurredAt", Instant.now().toString());
        assertThat(api.post("/api/v1/events", List.of(event)).status()).isEqualTo(202);

        String url = "jdbc:" + stack.state().postgres();
        assertThat(awaitLoggedEvent(url, (String) event.get("eventId"), Duration.ofMinutes(2)))
                .as("the event reached the analysts' log").isTrue();
        assertThatThrownBy(() -> DriverManager.getConnection(url, StackSecrets.ANALYST_ROLE, "analyst").close())
                .as("the demo's analyst password").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres").close())
                .as("the demo's superuser password").isInstanceOf(SQLException.class);
    }

    @Test
    @Order(4)
    void redisRefusesAClientWithoutThePassword() {
        String[] hostPort = stack.state().redis().split(":");
        HostAndPort redis = new HostAndPort(hostPort[0], Integer.parseInt(hostPort[1]));
        SslOptions tls = SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL)
                .truststore(layout.tls().resolve("redis").resolve("ca-truststore.p12").toFile(),
                        secrets.redisTrustStorePassword().toCharArray()).trustStoreType("PKCS12").build();
        try (Jedis stranger = new Jedis(redis, DefaultJedisClientConfig.builder().ssl(true).sslOptions(tls).build())) {
            assertThatThrownBy(stranger::ping).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
        }
        try (Jedis owner = new Jedis(redis, DefaultJedisClientConfig.builder().ssl(true).sslOptions(tls)
                .password(secrets.redisPassword()).build())) {
            assertThat(owner.ping()).isEqualTo("PONG");
            assertThat(owner.dbSize()).as("the features the streams processor wrote").isPositive();
        }
    }

    @Test
    @Order(5)
    void theLaptopsPrincipalMayNotWriteShopEvents() {
        Path trustStore = layout.tls().resolve("kafka").resolve("ca-truststore.p12");
        SecureKafkaEndpoint kafka = new SecureKafkaEndpoint(stack.state().kafka(), trustStore, secrets.kafkaTrustStorePassword(),
                secrets.kafkaPasswords());
        Map<String, Object> laptop = new HashMap<>(kafka.clientProperties(KafkaAccess.LAPTOP.principal()));
        laptop.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        laptop.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        laptop.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(laptop, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), "u-forged", "{}")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static boolean awaitLoggedEvent(String url, String eventId, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = DriverManager.getConnection(url, StackSecrets.ANALYST_ROLE, secrets.analystPassword());
                 PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM events WHERE event_id = ?::uuid")) {
                query.setString(1, eventId);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 1) {
                        return true;
                    }
                }
            }
            Thread.sleep(500);
        }
        return false;
    }
}
