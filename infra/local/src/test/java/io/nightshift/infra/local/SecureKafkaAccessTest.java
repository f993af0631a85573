package io.nightshift.infra.local;

import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.schemas.access.KafkaAccess;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker as production runs it (TLS, SASL/SCRAM-SHA-512, StandardAuthorizer, no access
 * without an ACL, the contract's ACLs): each principal may do what {@link KafkaAccess} says and
 * is refused the rest, with the exception a client really gets.
 */
class SecureKafkaAccessTest {

    private static final List<String> LAPTOP_READS = List.of(Topics.SHOP_EVENTS.name(), Topics.SHOP_CATALOG.name(),
            Topics.RECO_REQUESTS.name(), Topics.RECO_CONTROL.name());

    private static LocalKafka kafka;
    private static SecureKafkaEndpoint endpoint;

    @BeforeAll
    static void startSecureBroker() throws Exception {
        kafka = LocalKafka.startSecure();
        endpoint = kafka.secureEndpoint();
        // Something to read on each of the laptop's topics, written by the principal that writes it in production.
        try (var onlineApi = producer("online-api")) {
            for (String topic : LAPTOP_READS) {
                onlineApi.send(new ProducerRecord<>(topic, "k", "written for the laptop")).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void theLaptopReadsEventsCatalogRequestsAndControlWithItsOwnGroupAndCommits() {
        try (var laptop = consumer("laptop", "nightshift-laptop-control-test")) {
            laptop.subscribe(LAPTOP_READS);
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!seen.containsAll(LAPTOP_READS) && System.nanoTime() < deadline) {
                laptop.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.topic()));
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(LAPTOP_READS);
            laptop.commitSync();
            TopicPartition control = new TopicPartition(Topics.RECO_CONTROL.name(), 0);
            assertThat(laptop.committed(Set.of(control)).get(control).offset()).isPositive().isEqualTo(laptop.position(control));
        }
    }

    @Test
    void theLaptopWritesResultsControlHeartbeatsAndItsDeadLetters() throws Exception {
        try (var laptop = producer("laptop")) {
            for (String topic : List.of(Topics.RECO_RESULTS.name(), Topics.RECO_CONTROL.name(), Topics.LAPTOP_HEARTBEAT.name(),
                    Topics.RECO_REQUESTS.deadLetters().name(), Topics.RECO_CONTROL.deadLetters().name())) {
                assertThat(laptop.send(new ProducerRecord<>(topic, "laptop-1", "{}")).get(30, TimeUnit.SECONDS).topic()).isEqualTo(topic);
            }
        }
    }

    @Test
    void theLaptopMayNotReadWithAnotherApplicationsGroup() {
        try (var laptop = consumer("laptop", "nightshift-eventlog")) {
            laptop.subscribe(List.of(Topics.SHOP_EVENTS.name()));
            assertThatThrownBy(() -> laptop.poll(Duration.ofSeconds(10))).isExactlyInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void theLaptopMayNotReadResults() {
        try (var laptop = consumer("laptop", "nightshift-laptop-snoop")) {
            laptop.subscribe(List.of(Topics.RECO_RESULTS.name()));
            assertThatThrownBy(() -> laptop.poll(Duration.ofSeconds(10))).isExactlyInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theLaptopMayNotWriteShopEvents() {
        try (var laptop = producer("laptop")) {
            assertThatThrownBy(() -> laptop.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), "u1", "{}")).get(30, TimeUnit.SECONDS))
                    .isExactlyInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theLaptopMayNotCreateTopicsAndItsStartLeavesThemToTheAdmin() throws Exception {
        try (Admin laptop = Admin.create(endpoint.clientProperties("laptop"))) {
            assertThatThrownBy(() -> laptop.createTopics(List.of(new NewTopic("laptop.made.v1", Optional.of(1), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS))
                    .isExactlyInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(TopicAuthorizationException.class);
            // What each app runs at start: the dead-letter topics it may not see are reported, not fatal.
            assertThat(Topics.createMissing(laptop)).contains(Topics.SHOP_EVENTS.deadLetters().name())
                    .doesNotContain(Topics.SHOP_EVENTS.name());
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (Admin intruder = Admin.create(withTimeouts(endpoint.clientProperties("laptop", "not-the-password")))) {
            assertThatThrownBy(() -> intruder.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isExactlyInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void theStreamsProcessorMayNotWriteHeartbeatsNorReadFreshRequests() {
        try (var streams = producer("streams-processor")) {
            assertThatThrownBy(() -> streams.send(new ProducerRecord<>(Topics.LAPTOP_HEARTBEAT.name(), "laptop-1", "{}")).get(30, TimeUnit.SECONDS))
                    .isExactlyInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(TopicAuthorizationException.class);
        }
        try (var streams = consumer("streams-processor", "nightshift-streams-peek")) {
            streams.subscribe(List.of(Topics.RECO_REQUESTS.name()));
            assertThatThrownBy(() -> streams.poll(Duration.ofSeconds(10))).isExactlyInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theStreamsProcessorWritesExactlyOnceUnderItsApplicationIdButNoOtherTransactionalId() throws Exception {
        try (var streams = transactionalProducer("streams-processor", "nightshift-streams-features-0_0")) {
            streams.initTransactions();
            streams.beginTransaction();
            streams.send(new ProducerRecord<>(Topics.RECO_CONTROL.name(), "v1", "{}"));
            streams.sendOffsetsToTransaction(Map.of(new TopicPartition(Topics.RECO_RESULTS.name(), 0), new OffsetAndMetadata(0)),
                    new org.apache.kafka.clients.consumer.ConsumerGroupMetadata("nightshift-streams"));
            streams.commitTransaction();
        }
        try (var streams = transactionalProducer("streams-processor", "someone-else-1")) {
            assertThatThrownBy(streams::initTransactions).isExactlyInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    /**
     * What the streams processor does under its ACLs: an exactly-once application whose id starts
     * with {@code nightshift-streams}, creating its repartition and changelog topics, reading
     * events and writing to the control topic.
     */
    @Test
    void aKafkaStreamsApplicationOfTheStreamsProcessorRunsExactlyOnce() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.SHOP_EVENTS.name(), Consumed.with(Serdes.String(), Serdes.String()))
                .selectKey((key, value) -> value)
                .groupByKey()
                .count(Materialized.as("acl-counts"))
                .toStream()
                .mapValues(count -> "counted " + count)
                .to(Topics.RECO_CONTROL.name(), Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.putAll(endpoint.clientProperties("streams-processor"));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "nightshift-streams-acl-test");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("acl-streams-").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
             var reader = consumer("streams-processor", "nightshift-streams-acl-test-reader")) {
            streams.setUncaughtExceptionHandler(error -> {
                failures.add(error);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            reader.subscribe(List.of(Topics.RECO_CONTROL.name()));
            boolean counted = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!counted && failures.isEmpty() && System.nanoTime() < deadline) {
                for (var record : reader.poll(Duration.ofMillis(200))) {
                    counted |= "counted 1".equals(record.value());
                }
            }
            assertThat(failures).isEmpty();
            assertThat(counted).as("the count arrives on " + Topics.RECO_CONTROL.name()).isTrue();
        }
    }

    @Test
    void theOnlineApiMayNotReadResultsNorWriteHeartbeats() {
        try (var onlineApi = consumer("online-api", "online-api-view-results")) {
            onlineApi.subscribe(List.of(Topics.RECO_RESULTS.name()));
            assertThatThrownBy(() -> onlineApi.poll(Duration.ofSeconds(10))).isExactlyInstanceOf(TopicAuthorizationException.class);
        }
        try (var onlineApi = producer("online-api")) {
            assertThatThrownBy(() -> onlineApi.send(new ProducerRecord<>(Topics.LAPTOP_HEARTBEAT.name(), "laptop-1", "{}")).get(30, TimeUnit.SECONDS))
                    .isExactlyInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theOnlineApiReadsTheDeadLettersTailWithoutAGroup() throws Exception {
        String deadLetters = Topics.SHOP_EVENTS.deadLetters().name();
        try (var streams = producer("streams-processor")) {
            streams.send(new ProducerRecord<>(deadLetters, "u-1", "dead for the console")).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> p = withTimeouts(endpoint.clientProperties("online-api"));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var onlineApi = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            // As the console's reading does it: the topics' partitions, their offsets, assign and seek, no group.
            assertThat(onlineApi.listTopics(Duration.ofSeconds(20))).containsKey(deadLetters);
            TopicPartition partition = new TopicPartition(deadLetters, 0);
            onlineApi.assign(List.of(partition));
            long end = onlineApi.endOffsets(List.of(partition), Duration.ofSeconds(20)).get(partition);
            onlineApi.seek(partition, onlineApi.beginningOffsets(List.of(partition), Duration.ofSeconds(20)).get(partition));
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (onlineApi.position(partition) < end && System.nanoTime() < deadline) {
                onlineApi.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
            }
            assertThat(read).contains("dead for the console");
        }
    }

    @Test
    void anApplicationGetsItsLoginUnderTheSharedConfigurationNames() {
        Map<String, String> laptop = endpoint.applicationProperties("laptop");

        assertThat(laptop).containsEntry("spring.kafka.security.protocol", "SASL_SSL")
                .containsEntry("spring.kafka.ssl.trust-store-type", "PKCS12")
                .containsEntry("nightshift.kafka.sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("nightshift.kafka.sasl.username", "laptop")
                .containsEntry("nightshift.kafka.sasl.password", endpoint.password("laptop"))
                .containsKeys("spring.kafka.bootstrap-servers", "spring.kafka.ssl.trust-store-password");
        assertThat(Path.of(URI.create(laptop.get("spring.kafka.ssl.trust-store-location")))).isRegularFile();
        assertThat(endpoint.toString()).doesNotContain(endpoint.password("laptop"));
    }

    private static Map<String, Object> withTimeouts(Map<String, Object> properties) {
        Map<String, Object> p = new HashMap<>(properties);
        p.put("request.timeout.ms", 10_000);
        p.put("default.api.timeout.ms", 20_000);
        return p;
    }

    private static KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> p = withTimeouts(endpoint.clientProperties(principal));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaProducer<String, String> transactionalProducer(String principal, String transactionalId) {
        Map<String, Object> p = withTimeouts(endpoint.clientProperties(principal));
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        Map<String, Object> p = withTimeouts(endpoint.clientProperties(principal));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
