package io.nightshift.laptop.fresh;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.laptop.RunningLaptop;
import io.nightshift.laptop.TopicClient;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.request.FreshRequest;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker meets requests that queued while the laptop was away: they are all in Kafka before it starts. */
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreshRequestWorkerTest {

    private final String prefix = "fw" + UUID.randomUUID().toString().substring(0, 6);
    private final String expiredProduct = prefix + "-expired";
    private final String askedTwice = prefix + "-twice";
    private final String poisonKey = prefix + "-poison";

    private KafkaEndpoint kafka;
    private TopicClient topics;
    private RunningLaptop laptop;

    @BeforeAll
    void queueRequestsThenStart(KafkaEndpoint kafka, @TempDir Path dataDir) throws Exception {
        this.kafka = kafka;
        topics = new TopicClient(kafka);
        Instant now = Instant.now();
        topics.send(Topics.RECO_REQUESTS.name(), Contract.FRESH_REQUEST, List.of(
                Map.entry(expiredProduct, request(expiredProduct, now.minusSeconds(120), now.minusSeconds(60))),
                Map.entry(askedTwice, request(askedTwice, now, now.plusSeconds(300))),
                Map.entry(askedTwice, request(askedTwice, now.plusMillis(5), now.plusSeconds(300)))));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RECO_REQUESTS.name(), poisonKey, "{\"productId\": 42}".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
        // A stale max age keeps this laptop from acting on run requests other tests left on the shared control topic.
        laptop = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms");
    }

    @AfterAll
    void stop() {
        if (laptop != null) {
            laptop.close();
        }
    }

    @Test
    @DisplayName("two queued requests for one product make one fresh list, answered without a model from the popular products")
    void coalescesByProduct() {
        freshResults(records -> records.stream().anyMatch(r -> r.value().productId().equals(askedTwice)));
        // Then give a second (wrong) answer time to show up.
        List<RecoResult> answers = freshResults(records -> false, Duration.ofSeconds(2));

        assertThat(answers).filteredOn(r -> r.productId().equals(askedTwice)).singleElement()
                .satisfies(answer -> assertThat(answer.modelVersion()).isEqualTo(FreshRequestWorker.POPULAR_VERSION));
    }

    @Test
    @DisplayName("a backlog is answered most urgent first")
    void deadlineOrder() {
        Instant now = Instant.now();
        Map<String, FreshRequest> byProduct = new java.util.LinkedHashMap<>();
        byProduct.put("relaxed", request("relaxed", now, now.plusSeconds(600)));
        byProduct.put("urgent", request("urgent", now, now.plusSeconds(5)));
        byProduct.put("soon", request("soon", now, now.plusSeconds(60)));

        assertThat(FreshRequestWorker.inDeadlineOrder(byProduct)).containsExactly("urgent", "soon", "relaxed");
    }

    @Test
    @DisplayName("a request past its deadline is dropped")
    void dropsExpired() {
        freshResults(records -> records.stream().anyMatch(r -> r.value().productId().equals(askedTwice)));

        assertThat(freshResults(records -> false, Duration.ofSeconds(1))).noneMatch(r -> r.productId().equals(expiredProduct));
    }

    @Test
    @DisplayName("an invalid request goes to the dead-letter topic with its bytes")
    void invalidToDeadLetters() {
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition dlq = new TopicPartition(Topics.RECO_REQUESTS.deadLetters().name(), 0);
            consumer.assign(List.of(dlq));
            consumer.seekToBeginning(List.of(dlq));
            while (dead.stream().noneMatch(r -> poisonKey.equals(r.key())) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
            }
        }

        assertThat(dead).filteredOn(r -> poisonKey.equals(r.key())).singleElement()
                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"productId\": 42"));
    }

    private List<RecoResult> freshResults(Predicate<List<ConsumerRecord<String, RecoResult>>> until) {
        return freshResults(until, Duration.ofSeconds(30));
    }

    private List<RecoResult> freshResults(Predicate<List<ConsumerRecord<String, RecoResult>>> until, Duration timeout) {
        return topics.readUntil(Topics.RECO_RESULTS.name(), Contract.RECO_RESULT,
                        records -> until.test(records.stream().filter(r -> r.value().kind() == ResultKind.FRESH && r.key().startsWith(prefix)).toList()),
                        timeout)
                .stream().map(ConsumerRecord::value)
                .filter(r -> r.kind() == ResultKind.FRESH && r.productId().startsWith(prefix))
                .toList();
    }

    private static FreshRequest request(String productId, Instant requestedAt, Instant deadline) {
        return new FreshRequest(UUID.randomUUID(), FreshRequest.SCHEMA_VERSION, productId, null, requestedAt, deadline);
    }
}
