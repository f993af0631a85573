package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.result.ScoredItem;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class IngestAndAdminTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static TestApi api;
    private static KafkaEndpoint kafka;
    private static FeatureStore store;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redis) {
        kafka = kafkaEndpoint;
        api = TestApi.start(kafkaEndpoint, redis, "--nightshift.http.max-request-size=64KB");
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        api.close();
        store.close();
    }

    private static String view(UUID eventId, String userId) {
        return """
                {"eventId":"%s","schemaVersion":2,"type":"view","userId":"%s","productId":"p-1","occurredAt":"%s"}"""
                .formatted(eventId, userId, Instant.now());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
    }

    @Test
    @DisplayName("a valid event is appended to shop.events.v1 keyed by its user")
    void acceptsEvent() {
        UUID eventId = UUID.randomUUID();
        String user = "u-" + eventId;
        HttpResponse<String> response = api.send("POST", "/api/v1/events", view(eventId, user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(TestApi.json(response).get("accepted").asInt()).isEqualTo(1);
        try (var reader = new TopicReader<>(kafka, "shop.events.v1", Contract.SHOP_EVENT)) {
            List<ShopEvent> found = reader.await(e -> eventId.equals(e.eventId()), m -> !m.isEmpty(), DEADLINE);
            assertThat(found).singleElement().satisfies(e -> assertThat(e.userId()).isEqualTo(user));
        }
    }

    @Test
    @DisplayName("an invalid event is a 400 problem naming the field")
    void refusesInvalidEvent() {
        String missingProduct = """
                {"eventId":"%s","schemaVersion":2,"type":"view","userId":"u-1","occurredAt":"%s"}""".formatted(UUID.randomUUID(), Instant.now());
        HttpResponse<String> response = api.send("POST", "/api/v1/events", missingProduct);
        assertProblem(response, 400);
        JsonNode problem = TestApi.json(response);
        assertThat(problem.get("errors").toString()).contains("$.productId");
    }

    @Test
    @DisplayName("a batch with one bad event writes the good ones and lists the bad one by index")
    void partialBatch() {
        UUID good = UUID.randomUUID();
        String bad = """
                {"eventId":"not-a-uuid","schemaVersion":2,"type":"view","userId":"u-1","productId":"p-1","occurredAt":"%s"}""".formatted(Instant.now());
        HttpResponse<String> response = api.send("POST", "/api/v1/events", "[" + view(good, "u-batch") + "," + bad + "]");
        assertProblem(response, 400);
        JsonNode problem = TestApi.json(response);
        assertThat(problem.get("accepted").asInt()).isEqualTo(1);
        assertThat(problem.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(problem.get("rejected").get(0).get("errors").toString()).contains("$.eventId");
        try (var reader = new TopicReader<>(kafka, "shop.events.v1", Contract.SHOP_EVENT)) {
            assertThat(reader.await(e -> good.equals(e.eventId()), m -> !m.isEmpty(), DEADLINE)).hasSize(1);
        }
    }

    @Test
    @DisplayName("malformed JSON, unknown fields and oversized bodies are 4xx problems, never 500")
    void badBodies() {
        assertProblem(api.send("POST", "/api/v1/events", "{\"eventId\":"), 400);
        assertProblem(api.admin("PUT", "/api/v1/admin/schedule", "{\"cron\":\"0 0 2 * * *\",\"timeZone\":\"UTC\",\"colour\":\"red\"}"), 400);
        assertProblem(api.send("POST", "/api/v1/events", "[" + "1,".repeat(40_000) + "1]"), 413);
        String tooManyEvents = "[" + String.join(",", java.util.Collections.nCopies(501, "{}")) + "]";
        assertProblem(api.send("POST", "/api/v1/events", tooManyEvents), 400);
    }

    @Test
    @DisplayName("a product with a bad field is refused naming it; a valid one is accepted")
    void catalog() {
        HttpResponse<String> bad = api.catalog("PUT", "/api/v1/products/p-cat-1", "{\"name\":\"Lamp\",\"category\":\"lamps\",\"available\":\"yes\"}");
        assertProblem(bad, 400);
        assertThat(bad.body()).contains("$.product.available");
        HttpResponse<String> good = api.catalog("PUT", "/api/v1/products/p-cat-1", "{\"name\":\"Lamp\",\"category\":\"lamps\",\"price\":12.5,\"available\":true}");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(202);
        HttpResponse<String> bulk = api.catalog("POST", "/api/v1/catalog",
                "[{\"productId\":\"p-cat-2\",\"name\":\"Desk\",\"category\":\"desks\",\"available\":true}]");
        assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(202);
    }

    @Test
    @DisplayName("the admin API answers 401 without a valid bearer token")
    void adminNeedsToken() {
        assertProblem(api.get("/api/v1/admin/laptop"), 401);
        HttpResponse<String> wrong = api.send(HttpRequest.newBuilder(api.uri("/api/v1/admin/laptop"))
                .header("Authorization", "Bearer wrong").GET().build());
        assertProblem(wrong, 401);
        assertThat(api.admin("GET", "/api/v1/admin/laptop", null).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a run request lands on reco.control.v1 and shows on the run board")
    void runRequest() {
        HttpResponse<String> response = api.admin("POST", "/api/v1/admin/runs", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String runId = TestApi.json(response).get("runId").asString();
        try (var reader = new TopicReader<>(kafka, "reco.control.v1", Contract.CONTROL_EVENT)) {
            List<ControlEvent> found = reader.await(e -> e.run() != null && runId.equals(e.run().runId()), m -> !m.isEmpty(), DEADLINE);
            assertThat(found).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(ControlType.RUN_REQUESTED));
        }
        assertThat(api.admin("GET", "/api/v1/admin/runs", null).body()).contains(runId);

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.CONTROL_EVENT).serializer())) {
            producer.send(new ProducerRecord<>("reco.control.v1", ControlEvent.run(ControlType.RUN_PROGRESS, "laptop",
                    new RunProgress(runId, RunStatus.RUNNING, "scoreCatalog", 40, 100, null), Instant.now())));
        }
        long end = System.nanoTime() + DEADLINE.toNanos();
        JsonNode run = findRun(runId);
        while (!"running".equals(run.path("status").asString(null)) && System.nanoTime() < end) {
            Thread.onSpinWait();
            run = findRun(runId);
        }
        assertThat(run.get("status").asString()).isEqualTo("running");
        assertThat(run.get("step").asString()).isEqualTo("scoreCatalog");
        assertThat(run.get("done").asLong()).isEqualTo(40);

        Prometheus metrics = Prometheus.scrape(api);
        assertThat(metrics.sum("nightshift_run_progress_ratio")).as("the newest run's step is 40 of 100 done").isEqualTo(0.4);
        assertThat(metrics.sum("nightshift_run_info", "status=\"running\"", "step=\"scoreCatalog\"")).isEqualTo(1.0);
        assertThat(metrics.sum("nightshift_run_updated_timestamp_seconds")).isPositive();
    }

    private static JsonNode findRun(String runId) {
        for (JsonNode run : TestApi.json(api.admin("GET", "/api/v1/admin/runs", null))) {
            if (runId.equals(run.get("runId").asString())) {
                return run;
            }
        }
        return ContractCodec.MAPPER.createObjectNode();
    }

    @Test
    @DisplayName("the schedule is validated before it is announced")
    void schedule() {
        assertProblem(api.admin("PUT", "/api/v1/admin/schedule", "{\"cron\":\"every night\",\"timeZone\":\"UTC\"}"), 400);
        assertProblem(api.admin("PUT", "/api/v1/admin/schedule", "{\"cron\":\"0 30 2 * * *\",\"timeZone\":\"Mars/Olympus\"}"), 400);
        assertThat(api.admin("PUT", "/api/v1/admin/schedule", "{\"cron\":\"0 30 2 * * *\",\"timeZone\":\"Europe/Amsterdam\"}").statusCode()).isEqualTo(202);
    }

    @Test
    @DisplayName("activating an unknown version is refused with the reason; versions are listed")
    void versions() {
        assertProblem(api.admin("POST", "/api/v1/admin/versions/v-does-not-exist/activate", null), 409);
        assertThat(api.admin("GET", "/api/v1/admin/versions", null).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the versions answer carries each version's lineage: in its history entries and once per version")
    void versionsCarryLineage() {
        String traced = "v-lineage-" + UUID.randomUUID().toString().substring(0, 8);
        String untraced = traced + "-none";
        store.versions().stageList(untraced, "p-admin", List.of(new ScoredItem("p-x", 1)), Instant.now(), 1);
        store.versions().stageList(traced, "p-admin", List.of(new ScoredItem("p-y", 1)), Instant.now(), 1);
        store.versions().putLineage(traced, new Lineage("ease", Map.of("lambda", "86.9"), Map.of("validation.personal.ndcg10", 0.0517),
                "shop.events.v1:0-1200", "abc123"));
        assertThat(api.admin("POST", "/api/v1/admin/versions/" + untraced + "/activate", null).statusCode()).isEqualTo(200);
        assertThat(api.admin("POST", "/api/v1/admin/versions/" + traced + "/activate", null).statusCode()).isEqualTo(200);

        HttpResponse<String> response = api.admin("GET", "/api/v1/admin/versions", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode versions = TestApi.json(response);
        assertThat(versions.get("active").asString()).isEqualTo(traced);
        assertThat(versions.get("previous").asString()).isEqualTo(untraced);
        JsonNode tracedEntry = historyEntry(versions, traced);
        assertThat(tracedEntry.get("actor").asString()).isEqualTo("owner");
        JsonNode lineage = tracedEntry.get("lineage");
        assertThat(lineage.get("modelFamily").asString()).isEqualTo("ease");
        assertThat(lineage.get("parameters").get("lambda").asString()).isEqualTo("86.9");
        assertThat(lineage.get("metrics").get("validation.personal.ndcg10").asDouble()).isEqualTo(0.0517);
        assertThat(lineage.get("dataRange").asString()).isEqualTo("shop.events.v1:0-1200");
        assertThat(lineage.get("codeVersion").asString()).isEqualTo("abc123");
        assertThat(historyEntry(versions, untraced).has("lineage")).isFalse();

        List<JsonNode> listed = new ArrayList<>();
        versions.get("lineages").forEach(listed::add);
        assertThat(listed).filteredOn(entry -> entry.get("modelVersion").asString().equals(traced)).singleElement()
                .satisfies(entry -> assertThat(entry.get("lineage")).isEqualTo(lineage));
        assertThat(listed).noneMatch(entry -> entry.get("modelVersion").asString().equals(untraced));
    }

    private static JsonNode historyEntry(JsonNode versions, String version) {
        for (JsonNode entry : versions.get("history")) {
            if (entry.get("modelVersion").asString().equals(version)) {
                return entry;
            }
        }
        throw new AssertionError(version + " not in the history: " + versions);
    }

    @Test
    @DisplayName("activation and rollback switch the store's pointer and are announced on reco.control.v1")
    void activateAndRollback() {
        String first = "v-admin-" + UUID.randomUUID().toString().substring(0, 8);
        String second = first + "-b";
        store.versions().stageList(first, "p-admin", List.of(new ScoredItem("p-x", 1)), Instant.now(), 1);
        store.versions().stageList(second, "p-admin", List.of(new ScoredItem("p-y", 1)), Instant.now(), 1);
        assertThat(api.admin("POST", "/api/v1/admin/versions/" + first + "/activate", null).statusCode()).isEqualTo(200);
        HttpResponse<String> activated = api.admin("POST", "/api/v1/admin/versions/" + second + "/activate", null);
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        assertThat(TestApi.json(activated).get("previous").asString()).isEqualTo(first);

        HttpResponse<String> rolledBack = api.admin("POST", "/api/v1/admin/versions/rollback", null);
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
        assertThat(store.versions().activeVersion()).contains(first);
        assertThat(TestApi.json(api.admin("GET", "/api/v1/admin/versions", null)).get("active").asString()).isEqualTo(first);

        try (var reader = new TopicReader<>(kafka, "reco.control.v1", Contract.CONTROL_EVENT)) {
            List<ControlEvent> found = reader.await(e -> e.type() == ControlType.VERSION_ROLLED_BACK && e.version() != null
                    && first.equals(e.version().modelVersion()), m -> !m.isEmpty(), DEADLINE);
            assertThat(found).isNotEmpty();
        }
    }

    @Test
    @DisplayName("a heartbeat makes the laptop online, with its power, job and lag")
    void laptopOnline() {
        String laptopId = "laptop-" + UUID.randomUUID().toString().substring(0, 8);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.HEARTBEAT).serializer())) {
            producer.send(new ProducerRecord<>("laptop.heartbeat.v1", laptopId,
                    new Heartbeat(laptopId, Heartbeat.SCHEMA_VERSION, Instant.now(), "running", "ac", 71.5, "cpu()", "run-1", 0.4, 3L)));
        }
        long end = System.nanoTime() + DEADLINE.toNanos();
        JsonNode status = TestApi.json(api.admin("GET", "/api/v1/admin/laptop", null));
        while (!laptopId.equals(status.path("laptopId").asString(null)) && System.nanoTime() < end) {
            Thread.onSpinWait();
            status = TestApi.json(api.admin("GET", "/api/v1/admin/laptop", null));
        }
        assertThat(status.get("laptopId").asString()).isEqualTo(laptopId);
        assertThat(status.get("status").asString()).isEqualTo("online");
        assertThat(status.get("power").asString()).isEqualTo("ac");
        assertThat(status.get("runningJob").asString()).isEqualTo("run-1");
        assertThat(status.get("freshLag").asLong()).isEqualTo(3L);

        Prometheus metrics = Prometheus.scrape(api);
        assertThat(metrics.sum("nightshift_laptop_up")).isEqualTo(1.0);
        assertThat(metrics.sum("nightshift_laptop_temperature_celsius")).isEqualTo(71.5);
        assertThat(metrics.sum("nightshift_laptop_fresh_lag_requests")).isEqualTo(3.0);
        assertThat(metrics.sum("nightshift_laptop_heartbeat_age_seconds")).isBetween(0.0, 60.0);
        assertThat(metrics.sum("nightshift_laptop_info", "laptop=\"" + laptopId + "\"", "device=\"cpu()\"", "power=\"ac\"",
                "state=\"running\"")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("the metrics need the owner's token: without one, or with a wrong one, a 401 with a bearer challenge")
    void metricsNeedAToken() {
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.threads.live")) {
            HttpResponse<String> anonymous = api.get(path);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(anonymous.body()).as(path).doesNotContain("nightshift_").contains("nightshift.admin.token");
            HttpResponse<String> wrong = api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer not-the-token").GET().build());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
        }
        assertThat(api.get("/actuator/health").statusCode()).as("health stays open for probes").isEqualTo(200);
    }

    @Test
    @DisplayName("health, metrics and the OpenAPI document are exposed")
    void operations() {
        HttpResponse<String> health = api.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        assertThat(api.admin("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
        HttpResponse<String> docs = api.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/products/{productId}/recommendations");
        assertThat(docs.body()).as("catalog writes document their key").contains("catalog-key", "X-Api-Key");
        assertThat(docs.body()).as("the request id is internal, not a parameter").doesNotContain("nightshift.requestId");
        ContractCodec.MAPPER.readTree(docs.body());
    }
}
