package io.nightshift.cli.bench;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.ReplayState;
import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replay (Kafka → Redis features + PostgreSQL event log, {@code ./nightshift replay}'s path
 * through the admin API and the streams processor) in records per second, against a bare
 * {@link KafkaConsumer} reading the same topics from their beginning in the same run: the floor
 * any replay has to stand on.
 */
public final class ReplayRate {

    /** What the replay reads: the feature projections' inputs and the event-log sink's. */
    static final List<TopicSpec> TOPICS = List.of(Topics.SHOP_EVENTS, Topics.SHOP_CATALOG, Topics.RECO_CONTROL, Topics.LAPTOP_HEARTBEAT);
    private static final Duration POLL = Duration.ofMillis(250);

    private final String kafka;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ReplayRate(String kafka) {
        this.kafka = kafka;
    }

    /**
     * @param records how many records were read (the topics' end offsets when it started)
     * @param took    from the request (or the first poll) to the last record
     */
    public record Result(long records, Duration took) {

        public double perSecond() {
            return records / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    /** The bare consumer: every partition of {@link #TOPICS} assigned, read from the start to today's end offsets. */
    public Result rawRead() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long start = System.nanoTime();
            long records = 0;
            while (!reachedEnd(consumer, ends)) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                records += batch.count();
            }
            return new Result(records, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Records on {@link #TOPICS} now: what a replay started now has to read. */
    public long recordsOnTopics() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions();
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream().mapToLong(e -> e.getValue() - begins.get(e.getKey())).sum();
        }
    }

    /**
     * Asks the online API for a replay and follows it until the streams processor reports it caught
     * up. The time is the replay's own, from the request to the caught-up report; it includes the
     * reset before it reads and up to one lag check (250 ms): a lower bound on the replay's own rate.
     */
    public Result replay(String apiUrl, Duration timeout) {
        String url = apiUrl + "/api/v1/admin/replay";
        long records = recordsOnTopics();
        long start = System.nanoTime();
        String replayId = send(url, true).path("replayId").asString();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = send(url, false);
            if (!replayId.equals(status.path("replayId").asString())) {
                throw new IllegalStateException("another replay was asked for during the benchmark: " + status.path("replayId").asString());
            }
            Optional<ReplayState> state = ReplayState.find(status.path("state").asString());
            if (state.equals(Optional.of(ReplayState.CAUGHT_UP))) {
                return new Result(records, reported(status).orElseGet(() -> Duration.ofNanos(System.nanoTime() - start)));
            }
            if (state.equals(Optional.of(ReplayState.FAILED))) {
                throw new IllegalStateException("the replay failed: " + status.path("detail").asString());
            }
            Waiting.pause(POLL);
        }
        throw new IllegalStateException("the replay did not catch up within " + timeout);
    }

    /**
     * The replay's own times, from its request to the streams processor's caught-up report (both
     * stamped on this machine's clock): free of this benchmark's polling, so only the processor's
     * own lag check (every {@code 250 ms}) rounds it up.
     */
    static Optional<Duration> reported(JsonNode status) {
        String requested = status.path("requestedAt").asString("");
        String caughtUp = status.path("caughtUpAt").asString("");
        if (requested.isEmpty() || caughtUp.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(Instant.parse(requested), Instant.parse(caughtUp)));
    }

    private JsonNode send(String url, boolean post) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + ApiClient.DEMO_TOKEN)
                .timeout(Duration.ofMinutes(1));
        request = post ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the replay endpoint answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return ContractCodec.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the replay endpoint did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicSpec topic : TOPICS) {
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
        }
        return partitions;
    }
}
