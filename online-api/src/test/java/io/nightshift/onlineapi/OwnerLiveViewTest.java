package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.heartbeat.Heartbeat;
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
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner console's live view over real HTTP on real servers: the laptop answer built from real
 * heartbeats and run reports on Kafka (ETA, step, why deferred), and the serving history counting
 * the answers this instance gave, behind the admin tokens.
 */
@RealServers
class OwnerLiveViewTest {

    private static final String READ_TOKEN = "read-only-token-for-the-live-view";
    private static TestApi api;
    private static KafkaEndpoint kafka;
    private static String openRun;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redis) {
        kafka = kafkaEndpoint;
        api = TestApi.start(kafkaEndpoint, redis, "--nightshift.admin.read-token=" + READ_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static HttpResponse<String> read(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request.build());
    }

    private static <T> T eventually(Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T last = value.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = value.get();
        }
        return last;
    }

    @Test
    @DisplayName("the laptop answer has the running job's ETA from two progress reports and its step with why it is deferred")
    void laptopCard() {
        String laptopId = "laptop-live-" + UUID.randomUUID().toString().substring(0, 6);
        String runId = "run-live-" + UUID.randomUUID().toString().substring(0, 6);
        openRun = runId;
        Instant now = Instant.now();
        try (var control = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.CONTROL_EVENT).serializer());
             var beats = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new StringSerializer(), new ContractSerde<>(Contract.HEARTBEAT).serializer())) {
            control.send(new ProducerRecord<>("reco.control.v1", null, ControlEvent.run(ControlType.RUN_PROGRESS, "laptop",
                    new RunProgress(runId, RunStatus.DEFERRED, "score", 120, 400, "on battery: waiting for the charger"), now)));
            beats.send(new ProducerRecord<>("laptop.heartbeat.v1", laptopId, new Heartbeat(laptopId, Heartbeat.SCHEMA_VERSION,
                    now.minusSeconds(10), "running", "battery", 71.0, "gpu(0)", runId, 0.2, 7L)));
            beats.send(new ProducerRecord<>("laptop.heartbeat.v1", laptopId, new Heartbeat(laptopId, Heartbeat.SCHEMA_VERSION,
                    now, "deferred", "battery", 69.5, "gpu(0)", runId, 0.4, 9L)));
        }

        JsonNode laptop = eventually(() -> TestApi.json(read("/api/v1/admin/laptop", READ_TOKEN)),
                body -> laptopId.equals(body.path("laptopId").asString("")) && body.path("runningStep").isObject());
        assertThat(laptop.path("laptopId").asString("")).isEqualTo(laptopId);
        assertThat(laptop.path("state").asString("")).isEqualTo("deferred");
        assertThat(laptop.path("progress").asDouble()).isEqualTo(0.4);
        // 0.2 in 10 s: the 0.6 left takes 30 s
        assertThat(laptop.path("etaSeconds").asLong()).isEqualTo(30L);
        assertThat(laptop.path("freshLag").asLong()).isEqualTo(9L);
        JsonNode step = laptop.path("runningStep");
        assertThat(step.path("runId").asString("")).isEqualTo(runId);
        assertThat(step.path("step").asString("")).isEqualTo("score");
        assertThat(step.path("done").asLong()).isEqualTo(120L);
        assertThat(step.path("total").asLong()).isEqualTo(400L);
        assertThat(step.path("detail").asString("")).contains("battery");
    }

    /** The control topic outlives this class: the run reported above ends, so no later class finds it open. */
    @AfterAll
    static void finishRuns() {
        if (openRun == null) {
            return;
        }
        try (var control = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.CONTROL_EVENT).serializer())) {
            control.send(new ProducerRecord<>("reco.control.v1", null, ControlEvent.run(ControlType.RUN_PROGRESS, "laptop",
                    new RunProgress(openRun, RunStatus.FAILED, "score", 120, 400, "test over"), Instant.now())));
        }
    }

    @Test
    @DisplayName("the serving history counts this instance's answers per tier with a p95, for the owner's and the read-only token only")
    void servingHistory() {
        assertThat(read("/api/v1/admin/serving/history", null).statusCode()).isEqualTo(401);
        assertThat(read("/api/v1/admin/serving/history", "not-a-token").statusCode()).isEqualTo(401);

        for (int i = 0; i < 7; i++) {
            assertThat(api.get("/api/v1/products/p-live-" + i + "/recommendations").statusCode()).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/users/u-live/recommendations").statusCode()).isEqualTo(200);

        HttpResponse<String> owner = api.admin("GET", "/api/v1/admin/serving/history", null);
        assertThat(owner.statusCode()).isEqualTo(200);
        JsonNode history = TestApi.json(read("/api/v1/admin/serving/history", READ_TOKEN));
        assertThat(history.path("bucketSeconds").asLong()).isEqualTo(60L);
        long answers = 0;
        long perTier = 0;
        for (JsonNode bucket : history.path("buckets")) {
            answers += bucket.path("answers").asLong();
            for (JsonNode count : bucket.path("tiers")) {
                perTier += count.asLong();
            }
            assertThat(bucket.path("p95Millis").asDouble()).isPositive();
            assertThat(Instant.parse(bucket.path("start").asString(""))).isAfterOrEqualTo(Instant.parse(history.path("windowStart").asString("")));
        }
        assertThat(answers).as("eight answers, in one or two minutes").isEqualTo(8);
        assertThat(perTier).isEqualTo(8);
        assertThat(history.path("buckets").get(0).path("tiers").propertyNames()).contains("batch", "fresh", "trending", "popular", "last-known-good");
    }
}
