package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.DeadLetterHeaders;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/admin/dead-letters} on a real broker: records written with the dead-letter
 * headers come back with their reason, newest first, their text made safe to show; Kafka away is a
 * 503 with Retry-After, not a hanging request.
 */
@RealServers
class DeadLettersTest {

    /** Writes a dead letter as the streams processor does; returns its {@code <topic>/<partition>/<offset>}. */
    static String deadLetter(KafkaEndpoint kafka, String sourceTopic, String key, byte[] value, String reason, long sourceOffset) {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            var headers = new RecordHeaders();
            headers.add(DeadLetterHeaders.ERROR, utf8(reason));
            headers.add(DeadLetterHeaders.ERROR_CLASS, utf8("io.nightshift.schemas.codec.InvalidPayloadException"));
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(sourceTopic));
            headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8("2"));
            headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
            var written = producer.send(new ProducerRecord<>(sourceTopic + ".dlq", null, null, utf8(key), value, headers)).get();
            return written.topic() + "/" + written.partition() + "/" + written.offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode topic(JsonNode answer, String name) {
        for (JsonNode topic : answer) {
            if (topic.get("topic").asString().equals(name)) {
                return topic;
            }
        }
        throw new AssertionError(name + " missing from " + answer);
    }

    @Test
    @DisplayName("every dead-letter topic is listed with its count and newest records: reason, source, a sanitized bounded preview")
    void listsTheNewestWithTheirReasons(KafkaEndpoint kafka, RedisEndpoint redis) {
        try (TestApi api = TestApi.start(kafka, redis)) {
            String events = Topics.SHOP_EVENTS.name();
            String marker = UUID.randomUUID().toString();
            for (int i = 0; i < 7; i++) {
                deadLetter(kafka, events, "u-" + marker + "-" + i, utf8("{\"type\":\"view\",\n\"n\":" + i + "}"),
                        "InvalidPayloadException: shop-event is invalid: $.productId: required #" + i, 40 + i);
            }
            String hostile = "\u0000\u001b[31m<script>alert(1)</script>\u2028" + "x".repeat(5_000);
            deadLetter(kafka, events, "u-" + marker + "-hostile", utf8(hostile), "bad\u0007bell", 99);

            HttpResponse<String> read = api.admin("GET", "/api/v1/admin/dead-letters", null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonNode answer = TestApi.json(read);
            assertThat(answer).hasSize(Topics.sources().size());
            Topics.sources().forEach(source -> assertThat(topic(answer, source.deadLetters().name()).get("source").asString()).isEqualTo(source.name()));

            JsonNode eventsDlq = topic(answer, events + ".dlq");
            assertThat(eventsDlq.get("records").asLong()).as("the test's records at least (other tests may add theirs)").isGreaterThanOrEqualTo(8);
            assertThat(eventsDlq.get("exact").asBoolean()).isTrue();
            JsonNode newest = eventsDlq.get("newest");
            assertThat(newest).hasSize(5);
            JsonNode first = newest.get(0);
            assertThat(first.get("key").asString()).isEqualTo("u-" + marker + "-hostile");
            assertThat(first.get("reason").asString()).isEqualTo("bad\uFFFDbell");
            assertThat(first.get("sourceTopic").asString()).isEqualTo(events);
            assertThat(first.get("sourcePartition").asInt()).isEqualTo(2);
            assertThat(first.get("sourceOffset").asLong()).isEqualTo(99);
            String preview = first.get("preview").asString();
            assertThat(preview).startsWith("\uFFFD\uFFFD[31m<script>").endsWith("…").doesNotContain("\u0000", "\u2028");
            assertThat(preview.codePointCount(0, preview.length())).isLessThanOrEqualTo(301);

            JsonNode second = newest.get(1);
            assertThat(second.get("key").asString()).isEqualTo("u-" + marker + "-6");
            assertThat(second.get("reason").asString()).endsWith("$.productId: required #6");
            assertThat(second.get("errorClass").asString()).endsWith("InvalidPayloadException");
            assertThat(second.get("preview").asString()).isEqualTo("{\"type\":\"view\", \"n\":6}");
            assertThat(second.get("time").asString()).isNotBlank();
        }
    }

    @Test
    @DisplayName("a dead letter is downloaded byte for byte, fixed and sent again, as docs/operations.md says; other paths are 404 or 400")
    void downloadFixAndSendAgain(KafkaEndpoint kafka, RedisEndpoint redis) {
        try (TestApi api = TestApi.start(kafka, redis);
             TopicReader<ShopEvent> events = new TopicReader<>(kafka, Topics.SHOP_EVENTS.name(), Contract.SHOP_EVENT)) {
            UUID eventId = UUID.randomUUID();
            String broken = "{\"eventId\":\"" + eventId + "\",\"schemaVersion\":2,\"type\":\"view\",\"userId\":\"u-fix\","
                    + "\"occurredAt\":\"" + Instant.now() + "\"}";
            String path = deadLetter(kafka, Topics.SHOP_EVENTS.name(), "u-fix", utf8(broken), "InvalidPayloadException: $.productId: required", 5);

            HttpResponse<String> download = api.admin("GET", "/api/v1/admin/dead-letters/" + path, null);
            assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(download.body()).isEqualTo(broken);

            String fixed = download.body().replace("\"type\":\"view\"", "\"type\":\"view\",\"productId\":\"p-fixed\"");
            HttpResponse<String> sent = api.send("POST", "/api/v1/events", fixed);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            List<ShopEvent> arrived = events.await(event -> event.eventId().equals(eventId), found -> !found.isEmpty(), Duration.ofSeconds(20));
            assertThat(arrived).singleElement().satisfies(event -> assertThat(event.productId()).isEqualTo("p-fixed"));

            String topic = path.substring(0, path.indexOf('/'));
            assertThat(api.admin("GET", "/api/v1/admin/dead-letters/" + topic + "/0/999999", null).statusCode()).isEqualTo(404);
            assertThat(api.admin("GET", "/api/v1/admin/dead-letters/shop.events.v1/0/0", null).statusCode()).as("not a dead-letter topic").isEqualTo(404);
            HttpResponse<String> bad = api.admin("GET", "/api/v1/admin/dead-letters/" + topic + "/x/0", null);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("partition");
        }
    }

    @Test
    @DisplayName("with Kafka away the dead letters are a 503 problem with Retry-After within seconds; the read-only token may read the list but not download a whole record")
    void kafkaAwayIsA503(RedisEndpoint redis) {
        try (TestApi away = TestApi.start(nowhere(), redis, "--nightshift.admin.read-token=read-only-dead-letters")) {
            long start = System.nanoTime();
            HttpResponse<String> answer = away.send(java.net.http.HttpRequest.newBuilder(away.uri("/api/v1/admin/dead-letters"))
                    .header("Authorization", "Bearer read-only-dead-letters").GET().build());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(TestApi.json(answer).get("detail").asString()).contains("spring.kafka.bootstrap-servers");
            // Bounded by the reading's own limit (3 s), with room for a loaded machine; a hang would be the client's 30 s.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));

            HttpResponse<String> download = away.send(java.net.http.HttpRequest.newBuilder(away.uri("/api/v1/admin/dead-letters/shop.events.v1.dlq/0/0"))
                    .header("Authorization", "Bearer read-only-dead-letters").GET().build());
            assertThat(download.statusCode()).as("a whole record is for the owner's token only: " + download.body()).isEqualTo(403);
        }
    }

    private static KafkaEndpoint nowhere() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new KafkaEndpoint("127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
