package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.control.Schedule;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's reads of the current state (kill switches, schedule, cohort pins) and the pin writes, on real servers. */
@RealServers
class OwnerStateTest {

    private static final String READ_TOKEN = "nightshift-read-token-for-tests";

    private static TestApi api;
    private static KafkaEndpoint kafka;
    private static FeatureStore store;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redis) {
        kafka = kafkaEndpoint;
        api = TestApi.start(kafka, redis, "--nightshift.admin.read-token=" + READ_TOKEN, "--nightshift.serving.cohorts.a=50",
                "--nightshift.serving.cohorts.b=50");
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        api.close();
        store.close();
    }

    private static HttpResponse<String> withToken(String token, String method, String path, String body) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        return TestApi.json(response);
    }

    private static String completeVersion() {
        String version = "v-pin-" + UUID.randomUUID().toString().substring(0, 8);
        store.versions().stageList(version, "p-pin", List.of(new ScoredItem("p-x", 1)), Instant.now(), 1);
        return version;
    }

    @Test
    @DisplayName("GET kill-switches lists every tier with its state, and follows a PUT")
    void killSwitchesShowTheirState() {
        // Other test classes share this Redis and leave other tiers as they like: only trending is this test's.
        assertThat(api.admin("PUT", "/api/v1/admin/kill-switches/trending", "{\"disabled\":true}").statusCode()).isEqualTo(200);
        try {
            HttpResponse<String> response = withToken(READ_TOKEN, "GET", "/api/v1/admin/kill-switches", null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode tiers = TestApi.json(response);
            assertThat(tiers.size()).isEqualTo(Tier.values().length);
            assertThat(trending(tiers).get("disabled").asBoolean()).isTrue();
        } finally {
            api.admin("PUT", "/api/v1/admin/kill-switches/trending", "{\"disabled\":false}");
        }
        assertThat(trending(TestApi.json(api.admin("GET", "/api/v1/admin/kill-switches", null))).get("disabled").asBoolean()).isFalse();
    }

    private static JsonNode trending(JsonNode tiers) {
        for (JsonNode tier : tiers) {
            if (tier.get("tier").asString().equals("trending")) {
                return tier;
            }
        }
        throw new AssertionError("no trending in " + tiers);
    }

    @Test
    @DisplayName("GET schedule answers the schedule last set, with its next run in the schedule's time zone")
    void scheduleShowsNextRun() {
        HttpResponse<String> set = api.admin("PUT", "/api/v1/admin/schedule", "{\"cron\":\"0 30 2 * * *\",\"timeZone\":\"Asia/Kolkata\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(202);
        JsonNode schedule = TestApi.json(withToken(READ_TOKEN, "GET", "/api/v1/admin/schedule", null));
        assertThat(schedule.get("cron").asString()).isEqualTo("0 30 2 * * *");
        assertThat(schedule.get("timeZone").asString()).isEqualTo("Asia/Kolkata");
        OffsetDateTime local = OffsetDateTime.parse(schedule.get("nextRunLocal").asString());
        assertThat(local.getOffset().getTotalSeconds()).isEqualTo(5 * 3600 + 1800);
        assertThat(local.getHour()).isEqualTo(2);
        assertThat(local.getMinute()).isEqualTo(30);
        Instant next = Instant.parse(schedule.get("nextRun").asString());
        assertThat(next).isEqualTo(local.toInstant()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(25)));
    }

    @Test
    @DisplayName("GET schedule follows a schedule_changed written to reco.control.v1 by another instance")
    void scheduleFromTheControlTopic() {
        Instant at = Instant.now();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.CONTROL_EVENT).serializer())) {
            producer.send(new ProducerRecord<>("reco.control.v1", null,
                    ControlEvent.scheduleChanged("owner", new Schedule("0 15 4 * * *", "Europe/Amsterdam"), at)));
        }
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode schedule = TestApi.json(api.admin("GET", "/api/v1/admin/schedule", null));
        while (!"0 15 4 * * *".equals(schedule.path("cron").asString(null)) && System.nanoTime() < end) {
            Thread.onSpinWait();
            schedule = TestApi.json(api.admin("GET", "/api/v1/admin/schedule", null));
        }
        assertThat(schedule.get("cron").asString()).as(schedule.toString()).isEqualTo("0 15 4 * * *");
        assertThat(schedule.get("timeZone").asString()).isEqualTo("Europe/Amsterdam");
        assertThat(OffsetDateTime.parse(schedule.get("nextRunLocal").asString()).getHour()).isEqualTo(4);
    }

    @Test
    @DisplayName("a finished run shows its outcome, duration, and the version it published with that version's metrics")
    void finishedRunShowsVersionAndMetrics() {
        String runId = "run-state-" + UUID.randomUUID().toString().substring(0, 8);
        String version = "v-run-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minusSeconds(95);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.CONTROL_EVENT).serializer())) {
            producer.send(new ProducerRecord<>("reco.control.v1", null, ControlEvent.run(ControlType.RUN_PROGRESS, "laptop",
                    new RunProgress(runId, RunStatus.RUNNING, "train", 0, 1, null), start)));
            producer.send(new ProducerRecord<>("reco.control.v1", null, ControlEvent.version(ControlType.VERSION_PUBLISHED, "laptop",
                    new VersionInfo(version, 10L, new Lineage("ease", Map.of(), Map.of("validation.personal.ndcg10", 0.0517), "r", "c")),
                    start.plusSeconds(90))));
            producer.send(new ProducerRecord<>("reco.control.v1", null, ControlEvent.run(ControlType.RUN_PROGRESS, "laptop",
                    new RunProgress(runId, RunStatus.COMPLETED, "publish", 1, 1, null), start.plusSeconds(95))));
        }
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode run = null;
        while (System.nanoTime() < end && (run == null || !run.path("outcome").isString())) {
            for (JsonNode candidate : TestApi.json(api.admin("GET", "/api/v1/admin/runs", null))) {
                if (candidate.get("runId").asString().equals(runId)) {
                    run = candidate;
                }
            }
        }
        assertThat(run).isNotNull();
        assertThat(run.get("outcome").asString()).as(run.toString()).isEqualTo("completed");
        assertThat(run.get("durationSeconds").asLong()).isEqualTo(95);
        assertThat(run.get("modelVersion").asString()).isEqualTo(version);
        assertThat(run.get("metrics").get("validation.personal.ndcg10").asDouble()).isEqualTo(0.0517);
    }

    @Test
    @DisplayName("a cohort is pinned to a complete version, read back with the read token, and unpinned")
    void pinAndUnpin() {
        String version = completeVersion();
        HttpResponse<String> pinned = api.admin("PUT", "/api/v1/admin/cohorts/b/pin", "{\"modelVersion\":\"" + version + "\"}");
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(200);
        assertThat(TestApi.json(pinned).get("modelVersion").asString()).isEqualTo(version);
        assertThat(store.controls().cohortPins()).containsEntry("b", version);

        JsonNode read = TestApi.json(withToken(READ_TOKEN, "GET", "/api/v1/admin/cohorts/b/pin", null));
        assertThat(read.get("cohort").asString()).isEqualTo("b");
        assertThat(read.get("modelVersion").asString()).isEqualTo(version);
        assertThat(TestApi.json(api.admin("GET", "/api/v1/admin/versions", null)).get("cohortPins").get("b").asString()).isEqualTo(version);

        HttpResponse<String> unpinned = api.admin("DELETE", "/api/v1/admin/cohorts/b/pin", null);
        assertThat(unpinned.statusCode()).as(unpinned.body()).isEqualTo(200);
        assertThat(TestApi.json(unpinned).get("modelVersion").isNull()).isTrue();
        assertThat(store.controls().cohortPins()).doesNotContainKey("b");
    }

    @Test
    @DisplayName("pin refusals are problem details naming the field: unknown version 409, incomplete 409, unknown cohort 404, no version 400")
    void pinRefusals() {
        JsonNode unknown = problem(api.admin("PUT", "/api/v1/admin/cohorts/a/pin", "{\"modelVersion\":\"v-never-staged\"}"), 409);
        assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("$.modelVersion");
        assertThat(unknown.get("detail").asString()).contains("unknown model version v-never-staged");

        String incomplete = "v-half-" + UUID.randomUUID().toString().substring(0, 8);
        store.versions().stageList(incomplete, "p-pin", List.of(new ScoredItem("p-x", 1)), Instant.now(), 2);
        JsonNode half = problem(api.admin("PUT", "/api/v1/admin/cohorts/a/pin", "{\"modelVersion\":\"" + incomplete + "\"}"), 409);
        assertThat(half.get("detail").asString()).contains("incomplete");

        JsonNode cohort = problem(api.admin("PUT", "/api/v1/admin/cohorts/zz/pin", "{\"modelVersion\":\"" + completeVersion() + "\"}"), 404);
        assertThat(cohort.get("errors").get(0).get("field").asString()).isEqualTo("cohort");
        assertThat(cohort.get("detail").asString()).contains("nightshift.serving.cohorts");
        problem(api.admin("GET", "/api/v1/admin/cohorts/zz/pin", null), 404);
        problem(api.admin("DELETE", "/api/v1/admin/cohorts/zz/pin", null), 404);

        JsonNode missing = problem(api.admin("PUT", "/api/v1/admin/cohorts/a/pin", "{}"), 400);
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("$.modelVersion");
        for (String hostile : List.of("v\\u0000x", "v\\nx", "x".repeat(65), "../v")) {
            JsonNode refused = problem(api.admin("PUT", "/api/v1/admin/cohorts/a/pin", "{\"modelVersion\":\"" + hostile + "\"}"), 400);
            assertThat(refused.get("errors").get(0).get("field").asString()).as(hostile).isEqualTo("$.modelVersion");
        }
        assertThat(store.controls().cohortPins()).doesNotContainKey("a");
    }

    @Test
    @DisplayName("pin writes need the owner's token: the read token is 403, none is 401")
    void pinWritesNeedTheOwner() {
        String body = "{\"modelVersion\":\"" + completeVersion() + "\"}";
        problem(withToken(READ_TOKEN, "PUT", "/api/v1/admin/cohorts/a/pin", body), 403);
        problem(withToken(READ_TOKEN, "DELETE", "/api/v1/admin/cohorts/a/pin", null), 403);
        problem(api.send("PUT", "/api/v1/admin/cohorts/a/pin", body), 401);
        problem(api.get("/api/v1/admin/kill-switches"), 401);
        assertThat(store.controls().cohortPins()).doesNotContainKey("a");
    }
}
