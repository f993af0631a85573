package io.nightshift.streams.analystlog;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.DeadLetterHeaders;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event-log sink behind the trust boundary, between a real broker and a real PostgreSQL: a
 * record PostgreSQL cannot store never stops the log, and neither does an analyst's open transaction.
 */
@RealServers
class EventLogTrustBoundaryTest {

    /**
     * How long the analyst keeps its transaction open while events flow: a full minute, the time
     * an analyst's query was seen to stall the log; {@code -Dnightshift.test.analyst-hold=PT15S}
     * shortens it while working on the sink.
     */
    private static final Duration ANALYST_HOLD = Duration.parse(System.getProperty("nightshift.test.analyst-hold", "PT60S"));
    /** The most an event may wait between Kafka and PostgreSQL while the analyst holds {@code events}. */
    private static final Duration MAX_LAG = Duration.ofSeconds(5);

    @Test
    @DisplayName("a record PostgreSQL refuses goes to the dead letters with PostgreSQL's reason, one no contract allows (a NUL) is passed over, and the records after them are stored")
    void aRecordPostgresRefusesIsDeadLettered(KafkaEndpoint kafka, PostgresEndpoint postgres) throws Exception {
        createTopics(kafka);
        FreshDatabase db = FreshDatabase.create(postgres);
        EventLogMigrations.migrate(db.dataSource(), "analyst");
        // The contracts refuse a NUL, so no record that decodes carries one; a constraint stands in for
        // whatever else PostgreSQL may refuse in a record the contract allows.
        try (Connection owner = db.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("ALTER TABLE events ADD CONSTRAINT refuse_for_test CHECK (product_id <> 'p-refused')");
        }
        String user = "refused-" + UUID.randomUUID();
        ShopEvent refused = view(user, "p-refused", Instant.now());
        byte[] withNul = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"schemaVersion\":2,\"type\":\"reco_served\",\"userId\":\"" + user
                + "\",\"productId\":\"p-9\",\"occurredAt\":\"" + Instant.now() + "\",\"reco\":{\"requestId\":\"r-1\",\"tier\":\"batch\","
                + "\"cohort\":\"control\\u0000x\"}}").getBytes(StandardCharsets.UTF_8);
        List<ShopEvent> good = List.of(view(user, "p-1", Instant.now()), view(user, "p-2", Instant.now()), view(user, "p-3", Instant.now()));

        try (var producer = EventsTopic.producer(kafka)) {
            EventsTopic.publish(producer, good.get(0));
            producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), user, withNul)).get(30, TimeUnit.SECONDS);
            EventsTopic.publish(producer, good.get(1), refused, good.get(2));
        }
        EventLogSink sink = new EventLogSink(LogConnection.plaintext(kafka.bootstrapServers()), settings("eventlog-refused-" + UUID.randomUUID()), db.dataSource());
        sink.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> rowsOf(db, user) == 3);
            ConsumerRecord<String, byte[]> deadLetter = deadLetterOf(kafka, user);
            assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).contains(refused.eventId().toString());
            assertThat(header(deadLetter, DeadLetterHeaders.ERROR)).contains("check constraint");
            assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.SHOP_EVENTS.name());
            assertThat(sink.status().healthy()).isTrue();
        } finally {
            sink.stop();
        }
    }

    @Test
    @DisplayName("while an analyst keeps a transaction on events open, events of any month the contract allows, 1970 and 2199 included, reach the log within seconds")
    void anAnalystsOpenTransactionDoesNotStopTheLog(KafkaEndpoint kafka, PostgresEndpoint postgres) throws Exception {
        FreshDatabase db = FreshDatabase.create(postgres);
        EventLogMigrations.migrate(db.dataSource(), "analyst");
        String user = "locked-" + UUID.randomUUID();
        List<Instant> times = List.of(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2099-01-01T00:00:00Z"), Instant.now(),
                Instant.parse("1970-06-15T12:00:00Z"), Instant.parse("2199-12-31T23:59:59Z"));

        try (Connection analyst = db.connectAs("analyst", "analyst"); var producer = EventsTopic.producer(kafka)) {
            analyst.setAutoCommit(false);
            try (Statement statement = analyst.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM events")) {
                rows.next();
            }
            EventLogSink sink = new EventLogSink(LogConnection.plaintext(kafka.bootstrapServers()), settings("eventlog-locked-" + UUID.randomUUID()), db.dataSource());
            sink.start();
            try {
                Instant until = Instant.now().plus(ANALYST_HOLD);
                int sent = 0;
                Duration worst = Duration.ZERO;
                while (Instant.now().isBefore(until) || sent < times.size()) {
                    Instant publishedAt = Instant.now();
                    EventsTopic.publish(producer, view(user, "p-" + sent, times.get(sent % times.size())));
                    sent++;
                    int expected = sent;
                    await().atMost(MAX_LAG.plusSeconds(sent == 1 ? 25 : 0)).until(() -> rowsOf(db, user) == expected);
                    Duration lag = Duration.between(publishedAt, Instant.now());
                    if (sent > 1 && lag.compareTo(worst) > 0) {
                        worst = lag;
                    }
                    Thread.sleep(200);
                }
                assertThat(worst).isLessThan(MAX_LAG);
                // The analyst's transaction was open all along, and still reads.
                try (Statement statement = analyst.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
                    assertThat(rows.next()).isTrue();
                }
            } finally {
                sink.stop();
            }
        }
    }

    @Test
    @DisplayName("the partitions of this month and the next ones are created ahead, not when their first event comes")
    void partitionsAreCreatedAhead(KafkaEndpoint kafka, PostgresEndpoint postgres) throws Exception {
        FreshDatabase db = FreshDatabase.create(postgres);
        EventLogSink sink = new EventLogSink(LogConnection.plaintext(kafka.bootstrapServers()), settings("eventlog-ahead-" + UUID.randomUUID()), db.dataSource());
        YearMonth last = YearMonth.now(ZoneOffset.UTC).plusMonths(3);
        sink.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> partitionExists(db, last));
        } finally {
            sink.stop();
        }
    }

    private static EventLogSettings settings(String group) {
        return new EventLogSettings(true, group, 500, Duration.ofMillis(200), Duration.ofMillis(500), "analyst");
    }

    private static ShopEvent view(String user, String productId, Instant at) {
        return ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, productId, null, at);
    }

    private static void createTopics(KafkaEndpoint kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Topics.createMissing(admin);
        }
    }

    private static ConsumerRecord<String, byte[]> deadLetterOf(KafkaEndpoint kafka, String key) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SHOP_EVENTS.deadLetters().name()));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            assertThat(found).hasSize(1);
            return found.getFirst();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean partitionExists(FreshDatabase db, YearMonth month) throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, "events_%04d_%02d".formatted(month.getYear(), month.getMonthValue()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static long rowsOf(FreshDatabase db, String user) throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM events WHERE user_id = ?")) {
            query.setString(1, user);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return -1;
            }
            throw e;
        }
    }
}
