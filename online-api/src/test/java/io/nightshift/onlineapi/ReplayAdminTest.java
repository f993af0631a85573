package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.ReplayProgress;
import io.nightshift.schemas.control.ReplayState;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST} and {@code GET /api/v1/admin/replay}: the owner's replay request goes to
 * {@code reco.control.v1} for the streams processor, and the answer follows its reports. No
 * streams processor runs here, which is the case of one that is down: the request waits.
 */
@RealServers
class ReplayAdminTest {

    private static final String PATH = "/api/v1/admin/replay";
    private static final String READ_TOKEN = "read-only-token-for-replay";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static TestApi api;
    private static KafkaEndpoint kafka;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redis) {
        kafka = kafkaEndpoint;
        api = TestApi.start(kafkaEndpoint, redis, "--nightshift.admin.read-token=" + READ_TOKEN);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    @DisplayName("asking for a replay needs the owner's token: none or a wrong one is a 401, the read-only token a 403 but it may read")
    void replayNeedsTheOwnerToken() {
        assertProblem(api.send("POST", PATH, null), 401);
        assertProblem(api.send("GET", PATH, null), 401);
        assertProblem(withToken("POST", "wrong-token"), 401);
        assertProblem(withToken("POST", READ_TOKEN), 403);
        assertThat(withToken("GET", READ_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a bad replay id, a number for a string, control characters or an unknown field are 400 problems, and nothing is requested")
    void badBodiesAreRefused() {
        for (String body : List.of("{\"replayId\":\"has space\"}", "{\"replayId\":5}", "{\"detail\":\"bell\\u0007\"}",
                "{\"detail\":\"" + "x".repeat(2001) + "\"}", "{\"colour\":\"red\"}", "[]")) {
            assertProblem(api.admin("POST", PATH, body), 400);
        }
        assertThat(api.admin("GET", PATH, null).body()).doesNotContain("has space", "\"replayId\":\"5\"");
    }

    @Test
    @DisplayName("a replay request is a 202 with its id, lands on reco.control.v1 and shows requested until the streams processor reports")
    void requestThenReports() throws Exception {
        HttpResponse<String> response = api.admin("POST", PATH, "{\"detail\":\"after moving the epoch\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).contains(PATH);
        JsonNode accepted = TestApi.json(response);
        String replayId = accepted.get("replayId").asString();
        assertThat(replayId).startsWith("replay-");
        assertThat(accepted.get("state").asString()).isEqualTo("requested");

        try (var reader = new TopicReader<>(kafka, "reco.control.v1", Contract.CONTROL_EVENT)) {
            List<ControlEvent> found = reader.await(e -> e.replay() != null && replayId.equals(e.replay().replayId()), m -> !m.isEmpty(), DEADLINE);
            assertThat(found).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(ControlType.REPLAY_REQUESTED);
                assertThat(e.actor()).isEqualTo("owner");
                assertThat(e.replay().state()).isEqualTo(ReplayState.REQUESTED);
                assertThat(e.replay().detail()).isEqualTo("after moving the epoch");
            });
        }
        // No streams processor runs: the request waits, and says so.
        JsonNode waiting = TestApi.json(api.admin("GET", PATH, null));
        assertThat(waiting.get("replayId").asString()).isEqualTo(replayId);
        assertThat(waiting.get("state").asString()).isEqualTo("requested");
        assertThat(waiting.has("generation")).isFalse();

        report(new ReplayProgress(replayId, ReplayState.RESETTING, 3, Map.of(), null));
        report(new ReplayProgress(replayId, ReplayState.REPLAYING, 4, Map.of("features-g4", 120L, "eventlog-g4", 7L), null));
        JsonNode replaying = awaitState("replaying");
        assertThat(replaying.get("generation").asInt()).isEqualTo(4);
        assertThat(replaying.get("lag").get("features-g4").asLong()).isEqualTo(120);
        assertThat(replaying.has("startedAt")).isTrue();

        report(new ReplayProgress(replayId, ReplayState.CAUGHT_UP, 4, Map.of("features-g4", 0L, "eventlog-g4", 0L), null));
        JsonNode caughtUp = awaitState("caught-up");
        assertThat(caughtUp.get("replayId").asString()).isEqualTo(replayId);
        assertThat(caughtUp.has("caughtUpAt")).isTrue();
        assertThat(caughtUp.get("requestedAt").asString()).isEqualTo(waiting.get("requestedAt").asString());
    }

    @Test
    @DisplayName("a replay id chosen by the owner is kept")
    void ownReplayId() {
        HttpResponse<String> response = api.admin("POST", PATH, "{\"replayId\":\"epoch-moved-1\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(TestApi.json(response).get("replayId").asString()).isEqualTo("epoch-moved-1");
    }

    private static void report(ReplayProgress progress) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.CONTROL_EVENT).serializer())) {
            producer.send(new ProducerRecord<>("reco.control.v1",
                    ControlEvent.replay(ControlType.REPLAY_PROGRESS, "cloud", progress, Instant.now()))).get(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode awaitState(String state) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        JsonNode replay = TestApi.json(api.admin("GET", PATH, null));
        while (!state.equals(replay.path("state").asString(null)) && System.nanoTime() < end) {
            Thread.sleep(100);
            replay = TestApi.json(api.admin("GET", PATH, null));
        }
        assertThat(replay.path("state").asString(null)).as(replay.toString()).isEqualTo(state);
        return replay;
    }

    private static HttpResponse<String> withToken(String method, String token) {
        return api.send(HttpRequest.newBuilder(api.uri(PATH)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
    }
}
