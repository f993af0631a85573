package io.nightshift.laptop.sync;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The laptop's sync against a real broker and its real local store (H2): a poison record is passed
 * over, counted, never read again; a batch keeps the merge-by-event-id semantics of single writes.
 */
@RealServers
class SyncEventsTaskletTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void countMetrics() {
        Metrics.addRegistry(meters);
    }

    @AfterEach
    void stopCounting() {
        Metrics.removeRegistry(meters);
    }

    @Test
    @DisplayName("a record that does not decode is skipped and counted with its reason, the sync finishes, and the events around it are stored")
    void poisonRecordsAreSkippedAndCounted(KafkaEndpoint kafka) throws Exception {
        String user = "sync-" + UUID.randomUUID();
        ShopEvent before = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, "p-1", null, Instant.now());
        ShopEvent after = ShopEvent.interaction(UUID.randomUUID(), EventType.PURCHASE, user, "p-2", 1.0, Instant.now());
        send(kafka, user, encode(before), "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8), encode(after));

        JdbcClient jdbc = syncToEnd(kafka);

        assertThat(jdbc.sql("SELECT product_id FROM interactions WHERE user_key = ? ORDER BY product_id").param(user).query(String.class).list())
                .containsExactly("p-1", "p-2");
        // Other tests' counters join this registry at zero: only the decode failure's own counter is asserted.
        assertThat(meters.find(SkippedRecords.METRIC).tags("topic", Topics.SHOP_EVENTS.name(), "reason", "InvalidPayloadException").counters())
                .as("skipped records counted by topic and reason").isNotEmpty()
                .allSatisfy(counter -> assertThat(counter.count()).isPositive());
    }

    @Test
    @DisplayName("an event sent twice in one batch is stored once")
    void duplicateInsideOneBatchIsStoredOnce(KafkaEndpoint kafka) throws Exception {
        String user = "dup-" + UUID.randomUUID();
        ShopEvent twice = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, "p-1", null, Instant.now());
        ShopEvent other = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, "p-2", null, Instant.now());
        send(kafka, user, encode(twice), encode(other), encode(twice));

        JdbcClient jdbc = syncToEnd(kafka);

        assertThat(jdbc.sql("SELECT product_id FROM interactions WHERE user_key = ? ORDER BY product_id").param(user).query(String.class).list())
                .containsExactly("p-1", "p-2");
    }

    @Test
    @DisplayName("an event the store refuses is skipped and counted, and the events batched with it are stored")
    void refusedRecordIsSkippedAndItsBatchKept(KafkaEndpoint kafka) throws Exception {
        String user = "refused-" + UUID.randomUUID();
        ShopEvent before = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, "p-1", null, Instant.now());
        // Valid by the contract, which keeps every value within the store's columns: a rule of this store alone refuses it.
        ShopEvent refused = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, "p-refused", null, Instant.now());
        ShopEvent after = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, "p-2", null, Instant.now());
        send(kafka, user, encode(before), encode(refused), encode(after));

        JdbcClient jdbc = syncToEnd(kafka, "ALTER TABLE interactions ADD CONSTRAINT refuses CHECK (product_id <> 'p-refused')");

        assertThat(jdbc.sql("SELECT product_id FROM interactions WHERE user_key = ? ORDER BY product_id").param(user).query(String.class).list())
                .containsExactly("p-1", "p-2");
        assertThat(meters.find(SkippedRecords.METRIC).tags("topic", Topics.SHOP_EVENTS.name(), "reason", "DataIntegrityViolationException")
                .counters())
                .as("the refused record counted with the store's reason").isNotEmpty()
                .allSatisfy(counter -> assertThat(counter.count()).isPositive());
    }

    @Test
    @DisplayName("an erasure removes the shopper's interactions up to the request from the store and keeps their older events out of "
            + "every later sync, of this store or of an empty one; events after the request and other shoppers stay")
    void erasedShoppersLeaveTheStoreAndStayOut(KafkaEndpoint kafka) throws Exception {
        String erased = "erased-" + UUID.randomUUID();
        String kept = "kept-" + UUID.randomUUID();
        Instant earlier = Instant.now().minusSeconds(7200);
        send(kafka, erased, encode(ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, erased, "p-1", null, earlier)),
                encode(ShopEvent.interaction(UUID.randomUUID(), EventType.PURCHASE, erased, "p-2", 1.0, earlier.plusSeconds(60))));
        send(kafka, kept, encode(ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, kept, "p-1", null, earlier)));
        JdbcDataSource laptop = new JdbcDataSource();
        laptop.setURL("jdbc:h2:mem:erasure-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("laptop-store.sql")).execute(laptop);
        assertThat(products(syncToEnd(kafka, laptop), erased)).containsExactly("p-1", "p-2");

        Erasure erasure = Erasure.of(UUID.randomUUID(), erased, Instant.now());
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SHOP_ERASURES.name(), erased, ContractCodec.of(Contract.ERASURE).encode(erasure)))
                    .get(30, TimeUnit.SECONDS);
        }
        // A late copy of an old event, and the shopper's first event after the request.
        send(kafka, erased, encode(ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, erased, "p-late", null, earlier.plusSeconds(120))),
                encode(ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, erased, "p-new", null, erasure.requestedAt().plusSeconds(1))));

        JdbcClient resynced = syncToEnd(kafka, laptop);
        JdbcClient empty = syncToEnd(kafka);

        for (JdbcClient store : List.of(resynced, empty)) {
            assertThat(products(store, erased)).containsExactly("p-new");
            assertThat(products(store, kept)).containsExactly("p-1");
        }
    }

    private static List<String> products(JdbcClient jdbc, String user) {
        return jdbc.sql("SELECT product_id FROM interactions WHERE user_key = ? ORDER BY occurred_at").param(user).query(String.class).list();
    }

    private static byte[] encode(ShopEvent event) {
        return ContractCodec.of(Contract.SHOP_EVENT).encode(event);
    }

    /** Sends the values in one producer batch (linger), so the sync polls them together. */
    private static void send(KafkaEndpoint kafka, String key, byte[]... values) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Topics.createMissing(admin);
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 100), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (byte[] value : values) {
                sent.add(producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), key, value)));
            }
            for (Future<?> one : sent) {
                one.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A fresh local store, changed by {@code alterations}, synced to the topics' end. */
    private static JdbcClient syncToEnd(KafkaEndpoint kafka, String... alterations) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:sync-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("laptop-store.sql")).execute(h2);
        for (String alteration : alterations) {
            JdbcClient.create(h2).sql(alteration).update();
        }
        return syncToEnd(kafka, h2);
    }

    /** The store synced to the topics' end, erasures read first as the nightly job does. */
    private static JdbcClient syncToEnd(KafkaEndpoint kafka, JdbcDataSource h2) {
        InteractionStore store = new InteractionStore(new JdbcTemplate(h2));
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        SyncEventsTasklet sync = new SyncEventsTasklet(() -> consumer(kafka), store, mock(RunReporter.class), new ErasedShoppers(config, store));

        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        ChunkContext chunk = new ChunkContext(new StepContext(step));
        StepContribution contribution = new StepContribution(step);
        RepeatStatus status;
        int calls = 0;
        do {
            status = sync.execute(contribution, chunk);
        } while (status == RepeatStatus.CONTINUABLE && ++calls < 1_000);
        assertThat(status).isEqualTo(RepeatStatus.FINISHED);
        return JdbcClient.create(h2);
    }

    private static Consumer<String, byte[]> consumer(KafkaEndpoint kafka) {
        return new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
