package io.nightshift.e2e;

import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.demo.DemoSeeder;
import io.nightshift.cli.demo.DemoShop;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.cli.stack.LocalPrometheus;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import io.nightshift.schemas.codec.ContractCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./nightshift demo} promises, on the real runnable jars as separate JVMs: the demo
 * shop goes in through the API, the laptop's first batch run reaches shoppers as the
 * {@code batch} tier, and when the laptop vanishes the same URL keeps answering.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoStackIT {

    private static Stack stack;
    private static StackLayout layout;
    private static ApiClient api;
    private static DemoShop shop;

    @BeforeAll
    static void startTheWholePlatform() throws IOException {
        Path home = Path.of(System.getProperty("nightshift.home"));
        Path stateDir = Path.of(System.getProperty("nightshift.e2e.stateDir"));
        Files.createDirectories(stateDir);
        Progress progress = new Progress(System.out);
        layout = new StackLayout(home, stateDir);
        stack = Stack.start(layout, new StackOptions(FreePorts.next(), true), progress);
        api = new ApiClient(stack.apiUrl(), ApiClient.DEMO_TOKEN);
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
    void beforeAnyBatchRunShoppersGetTheFallbackTiersFromTheStreamsFeatures() {
        DemoSeeder seeder = new DemoSeeder(api, new Progress(System.out));
        JsonNode trending = seeder.awaitTier(shop.showcaseProduct(), "trending", Duration.ofMinutes(2));
        assertThat(trending.path("tier").asString()).isEqualTo("trending");
        assertThat(trending.path("items").size()).isPositive();
        assertThat(trending.path("modelVersion").isNull()).isTrue();

        JsonNode unknown = api.get("/api/v1/products/p-unknown/recommendations").json();
        assertThat(unknown.path("tier").asString()).isEqualTo("popular");
        assertThat(unknown.path("items").size()).isPositive();
    }

    @Test
    @Order(2)
    void theFirstBatchRunReachesShoppersAsTheBatchTier() {
        DemoSeeder seeder = new DemoSeeder(api, new Progress(System.out));
        seeder.requestBatchRun();
        JsonNode answer = seeder.awaitTier(shop.showcaseProduct(), "batch", Duration.ofMinutes(3));
        assertThat(answer).isNotNull();
        assertThat(answer.path("tier").asString()).isEqualTo("batch");
        assertThat(answer.path("modelVersion").asString()).isNotBlank();
        assertThat(answer.path("computedAt").asString()).isNotBlank();
        assertThat(answer.has("stale")).isTrue();
        assertThat(answer.path("items").size()).isPositive();
        assertThat(answer.path("items").findValuesAsString("productId")).doesNotContain(shop.showcaseProduct());
    }

    @Test
    @Order(3)
    void whenTheLaptopVanishesTheSameUrlStillAnswers() throws IOException {
        Files.writeString(stack.stateDirWish(), "offline");
        stack.followLaptopWish();
        assertThat(stack.app(Stack.LAPTOP).isAlive()).isFalse();

        ApiClient.Response response = api.get("/api/v1/products/" + shop.showcaseProduct() + "/recommendations?userId=u-0001");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("tier").asString()).isEqualTo("batch");
        assertThat(response.json().path("items").size()).isPositive();
        assertThat(api.get("/api/v1/products/p-unknown/recommendations").json().path("tier").asString()).isEqualTo("popular");
    }

    @Test
    @Order(4)
    void badInputGetsProblemDetailsNotAServerError() {
        ApiClient.Response response = api.post("/api/v1/events", java.util.Map.of("type", "view"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("schemaVersion");
    }

    @Test
    @Order(5)
    void hostileEventsLeaveEveryRecommendationEndpointAnsweringAndTheEventLogMoving() throws Exception {
        String showcase = shop.showcaseProduct();
        // Finding 1 as a stranger's curl sends it: refused at the edge.
        assertThat(api.post("/api/v1/events", List.of(event("rating", showcase, 1e308, Instant.now().toString()))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/events", List.of(event("view", showcase, null, "2099-01-01T00:00:00Z"))).status()).isEqualTo(400);

        // Behind the edge: the contract's own extremes, and a record no contract allows, straight into the log.
        try (var producer = rawProducer()) {
            producer.send(record(event("rating", showcase, 1e9, "2199-12-31T23:59:59Z")));
            producer.send(record(event("view", showcase, null, "1970-01-01T00:00:00Z")));
            producer.send(new ProducerRecord<>("shop.events.v1", "u-nul", ("{\"eventId\":\"" + UUID.randomUUID()
                    + "\",\"schemaVersion\":2,\"type\":\"reco_clicked\",\"userId\":\"u-nul\",\"productId\":\"" + showcase
                    + "\",\"occurredAt\":\"" + Instant.now() + "\",\"reco\":{\"requestId\":\"r-1\",\"tier\":\"batch\",\"cohort\":\"a\\u0000b\"}}")
                    .getBytes(StandardCharsets.UTF_8))).get();
        }
        Map<String, Object> marker = event("view", showcase, null, Instant.now().toString());
        assertThat(api.post("/api/v1/events", List.of(marker)).status()).isEqualTo(202);

        // The event log went past the poison record: the ordinary event after it reaches PostgreSQL.
        assertThat(awaitLoggedEvent((String) marker.get("eventId"), Duration.ofMinutes(1)))
                .as("the event sent after the poison record is in the analysts' log").isTrue();
        for (String path : List.of("/api/v1/products/" + showcase + "/recommendations?userId=u-0001",
                "/api/v1/products/p-unknown/recommendations", "/api/v1/users/u-0001/recommendations",
                "/api/v1/users/u-nobody/recommendations")) {
            ApiClient.Response response = api.get(path);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
            assertThat(response.json().path("tier").asString()).isNotBlank();
            assertThat(response.json().path("items").findValues("score")).allSatisfy(score -> assertThat(score.isNumber()).isTrue());
        }
    }

    /**
     * The deployed scrape jobs, dashboards and alerts on the running demo (after the laptop vanished
     * and a poison record was dead-lettered): a real Prometheus, as {@code ./nightshift demo} starts
     * it, and every dashboard query and the measured side of every alert through {@code /api/v1/query}.
     */
    @Test
    @Order(6)
    void prometheusWatchesTheDemoAndEveryDashboardQueryAndAlertHasData() {
        Path binary = LocalPrometheus.installed().orElseThrow(() -> new AssertionError(
                "prometheus is not on the PATH: install Debian's prometheus package (.ci/run does)"));
        Path deploy = layout.home().resolve("infra").resolve("deploy");
        List<WatchedExpressions> alerts = WatchedExpressions.alerts(deploy.resolve("prometheus").resolve("alerts.yml"));
        List<WatchedExpressions> expressions = new java.util.ArrayList<>(WatchedExpressions.dashboards(deploy.resolve("grafana").resolve("dashboards")));
        alerts.forEach(alert -> expressions.add(alert.measured()));
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(6);
        assertThat(expressions).hasSizeGreaterThan(alerts.size() + 10);

        try (LocalPrometheus prometheus = LocalPrometheus.start(binary, layout, stack.app(Stack.ONLINE_API).spec().port(),
                stack.app(Stack.STREAMS).spec().port(), ApiClient.DEMO_TOKEN, Duration.ofSeconds(1))) {
            PrometheusQuery query = new PrometheusQuery(prometheus.url());
            for (WatchedExpressions alert : alerts) {
                assertThat(query.ask(alert.query()).error()).as(alert.source() + " is valid PromQL").isNull();
            }
            Map<WatchedExpressions, PrometheusQuery.Answer> missing = new java.util.LinkedHashMap<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            do {
                // Answers keep arriving, so rates and quantiles have requests inside their windows.
                api.get("/api/v1/products/" + shop.showcaseProduct() + "/recommendations?userId=u-0001");
                api.get("/api/v1/products/p-unknown/recommendations");
                missing.clear();
                for (WatchedExpressions expression : expressions) {
                    PrometheusQuery.Answer answer = query.ask(expression.query());
                    if (answer.error() != null || answer.series() == 0) {
                        missing.put(expression, answer);
                    }
                }
                sleep(Duration.ofSeconds(2));
            } while (!missing.isEmpty() && Instant.now().isBefore(deadline));
            assertThat(missing).as("dashboard queries and alert expressions without data from the running demo").isEmpty();
            assertThat(query.ask("up{job=\"online-api\"} == 1").series()).as("the API is scraped with the token").isEqualTo(1);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> event(String type, String productId, Double value, String occurredAt) {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("schemaVersion", 2);
        event.put("type", type);
        event.put("userId", "u-hostile");
        event.put("productId", productId);
        if (value != null) {
            event.put("value", value);
        }
        event.put("occurredAt", occurredAt);
        return event;
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.state().kafka(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> record(Map<String, Object> event) {
        return new ProducerRecord<>("shop.events.v1", "u-hostile", ContractCodec.MAPPER.writeValueAsBytes(event));
    }

    /** Polls the event log as the analysts see it (the demo's analyst login) until the event is there. */
    private static boolean awaitLoggedEvent(String eventId, Duration within) throws Exception {
        String url = "jdbc:" + stack.state().postgres();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = DriverManager.getConnection(url, "analyst", "analyst");
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
