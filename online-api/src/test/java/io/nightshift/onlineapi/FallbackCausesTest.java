package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.heartbeat.Heartbeat;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fallback causes ServingTest does not cover (expired and stale lists, rollback as shoppers see
 * it, the laptop going offline), the read-only admin token, and the serving metrics; with short
 * thresholds so nothing waits long.
 */
@RealServers
class FallbackCausesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String READ_TOKEN = "reader-token";

    private static TestApi api;
    private static FeatureStore store;
    private static KafkaEndpoint kafka;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redis) {
        kafka = kafkaEndpoint;
        api = TestApi.start(kafkaEndpoint, redis,
                "--nightshift.serving.freshness.fresh=1h",
                "--nightshift.serving.freshness.batch=36h",
                "--nightshift.admin.laptop-late=1s",
                "--nightshift.admin.laptop-offline=2s",
                "--nightshift.admin.read-token=" + READ_TOKEN);
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        api.close();
        store.close();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode recommend(String productId, String query) {
        HttpResponse<String> response = api.get("/api/v1/products/" + productId + "/recommendations" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApi.json(response);
    }

    private static String first(JsonNode answer) {
        return answer.get("items").get(0).get("productId").asString();
    }

    private static HttpResponse<String> withToken(String token, String method, String path, String body) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    @DisplayName("a fresh list past its TTL is gone: the answer falls to the next tier (trending)")
    void expiredFreshListFallsThrough() {
        String product = id("p");
        String category = id("c");
        String trendingItem = id("t");
        store.catalog().putProduct(new Product(product, "Lamp", category, 10.0, true));
        store.features().setTrending(category, trendingItem, 5);
        store.freshLists().putFreshList(product, "fresh-old", List.of(new ScoredItem(id("f"), 1)), Instant.now().minus(Duration.ofHours(25)));

        JsonNode answer = recommend(product, "");
        assertThat(answer.get("tier").asString()).isEqualTo("trending");
        assertThat(first(answer)).isEqualTo(trendingItem);
    }

    @Test
    @DisplayName("a fresh list older than its configured freshness but within its TTL is served, marked stale")
    void staleFreshList() {
        String product = id("p");
        String freshItem = id("f");
        store.freshLists().putFreshList(product, "fresh-model", List.of(new ScoredItem(freshItem, 1)), Instant.now().minus(Duration.ofHours(2)));

        JsonNode answer = recommend(product, "");
        assertThat(answer.get("tier").asString()).isEqualTo("fresh");
        assertThat(answer.get("stale").asBoolean()).isTrue();
        assertThat(first(answer)).isEqualTo(freshItem);
    }

    @Test
    @DisplayName("a rollback is what the very next request is served")
    void rollbackServesThePreviousVersion() {
        String product = id("p");
        String older = id("v-old");
        String newer = id("v-new");
        store.versions().stageList(older, product, List.of(new ScoredItem("p-from-old", 1)), Instant.now(), 1);
        store.versions().stageList(newer, product, List.of(new ScoredItem("p-from-new", 1)), Instant.now(), 1);
        assertThat(api.admin("POST", "/api/v1/admin/versions/" + older + "/activate", null).statusCode()).isEqualTo(200);
        assertThat(api.admin("POST", "/api/v1/admin/versions/" + newer + "/activate", null).statusCode()).isEqualTo(200);
        assertThat(recommend(product, "").get("modelVersion").asString()).isEqualTo(newer);

        HttpResponse<String> rollback = api.admin("POST", "/api/v1/admin/versions/rollback", null);
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
        JsonNode answer = recommend(product, "");
        assertThat(answer.get("modelVersion").asString()).isEqualTo(older);
        assertThat(first(answer)).isEqualTo("p-from-old");
    }

    @Test
    @DisplayName("when the laptop's heartbeats stop it turns offline; serving and readiness are unaffected")
    void laptopOffline() throws InterruptedException {
        String laptopId = id("laptop");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.HEARTBEAT).serializer())) {
            producer.send(new ProducerRecord<>("laptop.heartbeat.v1", laptopId,
                    new Heartbeat(laptopId, Heartbeat.SCHEMA_VERSION, Instant.now(), "idle", "ac", null, "cpu()", null, null, 0L)));
        }
        JsonNode status = awaitLaptop(s -> laptopId.equals(s.path("laptopId").asString(null)));
        assertThat(status.get("laptopId").asString()).isEqualTo(laptopId);

        // No more heartbeats: past laptop-offline (2 s) it is offline.
        status = awaitLaptop(s -> "offline".equals(s.path("status").asString(null)));
        assertThat(status.get("status").asString()).isEqualTo("offline");
        assertThat(status.get("lastSeen").isNull()).isFalse();

        String product = id("p");
        String version = id("v");
        store.versions().stageList(version, product, List.of(new ScoredItem(id("b"), 1)), Instant.now(), 1);
        store.versions().activate(version, "test");
        JsonNode answer = recommend(product, "");
        assertThat(answer.get("tier").asString()).isEqualTo("batch");
        assertThat(answer.get("stale").asBoolean()).isFalse();
        assertThat(api.get("/actuator/health").statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
    }

    private static JsonNode awaitLaptop(Predicate<JsonNode> condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        JsonNode status = TestApi.json(api.admin("GET", "/api/v1/admin/laptop", null));
        while (!condition.test(status) && System.nanoTime() < end) {
            Thread.sleep(100);
            status = TestApi.json(api.admin("GET", "/api/v1/admin/laptop", null));
        }
        return status;
    }

    @Test
    @DisplayName("the read-only admin token may read (200) but not write (403); an unknown token is a 401")
    void readOnlyToken() {
        assertThat(withToken(READ_TOKEN, "GET", "/api/v1/admin/versions", null).statusCode()).isEqualTo(200);
        HttpResponse<String> write = withToken(READ_TOKEN, "PUT", "/api/v1/admin/kill-switches/batch", "{\"disabled\":true}");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
        assertThat(write.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(write.body()).contains("read-only");
        assertThat(withToken(READ_TOKEN, "POST", "/api/v1/admin/runs", null).statusCode()).isEqualTo(403);
        assertThat(withToken("someone-else", "GET", "/api/v1/admin/versions", null).statusCode()).isEqualTo(401);
        assertThat(store.controls().disabledTiers()).doesNotContain(io.nightshift.schemas.Tier.BATCH);
    }

    @Test
    @DisplayName("/actuator/prometheus counts answers per tier with a latency histogram, stale answers, fresh requests enqueued and coalesced, and the spool")
    void metricsMove() {
        Prometheus before = Prometheus.scrape(api);
        String product = id("miss");
        recommend(product, "");
        recommend(product, "");
        String staleProduct = id("p");
        store.freshLists().putFreshList(staleProduct, "fresh-model", List.of(new ScoredItem(id("f"), 1)), Instant.now().minus(Duration.ofHours(2)));
        recommend(staleProduct, "");

        Prometheus after = Prometheus.scrape(api);
        String latency = "nightshift_reco_latency_seconds";
        assertThat(after.sum(latency + "_count", "tier=\"popular\"", "endpoint=\"product\""))
                .isGreaterThanOrEqualTo(before.sum(latency + "_count", "tier=\"popular\"", "endpoint=\"product\"") + 2);
        assertThat(after.sum(latency + "_count", "tier=\"fresh\"")).isGreaterThanOrEqualTo(before.sum(latency + "_count", "tier=\"fresh\"") + 1);
        assertThat(after.page()).contains(latency + "_bucket{endpoint=\"product\",model_version=\"none\",tier=\"popular\",le=\"0.005\"}");
        assertThat(after.sum(latency + "_count", "tier=\"fresh\"", "model_version=\"fresh-model\""))
                .as("answers carry the model version behind them").isGreaterThanOrEqualTo(1);
        // The whole HTTP request has buckets too, so the budget can be checked for what a client waits.
        assertThat(after.page()).containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.005\"");
        assertThat(after.sum("nightshift_reco_stale_total", "tier=\"fresh\"")).isGreaterThanOrEqualTo(before.sum("nightshift_reco_stale_total", "tier=\"fresh\"") + 1);
        assertThat(after.sum("nightshift_fresh_requests_total", "outcome=\"enqueued\""))
                .isGreaterThanOrEqualTo(before.sum("nightshift_fresh_requests_total", "outcome=\"enqueued\"") + 1);
        assertThat(after.sum("nightshift_fresh_requests_total", "outcome=\"coalesced\""))
                .isGreaterThanOrEqualTo(before.sum("nightshift_fresh_requests_total", "outcome=\"coalesced\"") + 1);
        assertThat(after.sum("nightshift_reco_served_total", "tier=\"fresh\"")).isGreaterThanOrEqualTo(1);
        assertThat(after.has("nightshift_spool_records")).isTrue();
        assertThat(after.has("nightshift_spool_bytes")).isTrue();
        assertThat(after.has("nightshift_reco_last_known_good_total")).isTrue();
        assertThat(after.has("nightshift_http_rate_limited_total")).isTrue();
    }
}
