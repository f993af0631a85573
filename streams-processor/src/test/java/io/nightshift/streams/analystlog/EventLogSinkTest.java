package io.nightshift.streams.analystlog;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sink between a real broker and a real PostgreSQL: restarts and replays never duplicate a row. */
@RealServers
class EventLogSinkTest {

    @Test
    @DisplayName("events reach PostgreSQL; a restart resumes after the committed offsets, and a full replay duplicates nothing")
    void restartsAndReplaysDoNotDuplicate(KafkaEndpoint kafka, PostgresEndpoint postgres) throws Exception {
        FreshDatabase db = FreshDatabase.create(postgres);
        String group = "eventlog-test-" + UUID.randomUUID();
        String user = "sink-" + UUID.randomUUID();
        List<ShopEvent> firstBatch = List.of(view(user, "p-1"), view(user, "p-2"));
        ShopEvent later = view(user, "p-3");

        try (var producer = EventsTopic.producer(kafka)) {
            EventsTopic.publish(producer, firstBatch.get(0), firstBatch.get(1), firstBatch.get(0));
            runSinkUntil(kafka, db, group, () -> rowsOf(db, user) == 2);

            EventsTopic.publish(producer, later, firstBatch.get(1));
            runSinkUntil(kafka, db, group, () -> rowsOf(db, user) == 3);
        }
        // Another group id starts from the beginning of the topic: every event again, no new row.
        String replayGroup = "eventlog-replay-" + UUID.randomUUID();
        runSinkUntil(kafka, db, replayGroup, () -> offsetsCommitted(kafka, replayGroup));

        assertThat(rowsOf(db, user)).isEqualTo(3);
        assertThat(distinctEventIdsOf(db, user)).isEqualTo(3);
    }

    @Test
    @DisplayName("while PostgreSQL refuses, health says DOWN and why, events wait in Kafka, and are written once it answers")
    void databaseOutage(KafkaEndpoint kafka, PostgresEndpoint postgres) throws Exception {
        FreshDatabase db = FreshDatabase.planned(postgres);
        String user = "outage-" + UUID.randomUUID();
        try (var producer = EventsTopic.producer(kafka)) {
            EventsTopic.publish(producer, view(user, "p-1"));
        }
        EventLogSink sink = new EventLogSink(LogConnection.plaintext(kafka.bootstrapServers()), settings("eventlog-outage-" + UUID.randomUUID()), db.dataSource());
        var health = new EventLogHealthIndicator(sink, db.dataSource());
        sink.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !sink.status().healthy());
            assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
            assertThat(health.health().getDetails()).containsKey("error").containsKey("meanwhile");

            db.create();

            await().atMost(Duration.ofSeconds(60)).until(() -> rowsOf(db, user) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.status().healthy());
            assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
        } finally {
            sink.stop();
        }
    }

    @Test
    @DisplayName("an idle sink whose PostgreSQL does not answer is DOWN, without the database's address")
    void idleSinkWithPostgresAway(KafkaEndpoint kafka) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var away = new org.postgresql.ds.PGSimpleDataSource();
        away.setURL("jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres");
        away.setConnectTimeout(2);
        EventLogSink idle = new EventLogSink(LogConnection.plaintext(kafka.bootstrapServers()), settings("eventlog-idle-" + UUID.randomUUID()), away);

        var health = new EventLogHealthIndicator(idle, away).health();

        assertThat(idle.status().healthy()).isTrue();
        assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
        assertThat(health.getDetails().toString()).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(closedPort));
    }

    private static EventLogSettings settings(String group) {
        return new EventLogSettings(true, group, 500, Duration.ofMillis(200), Duration.ofMillis(500), "analyst");
    }

    private static void runSinkUntil(KafkaEndpoint kafka, FreshDatabase db, String group, Callable<Boolean> done) {
        EventLogSink sink = new EventLogSink(LogConnection.plaintext(kafka.bootstrapServers()), settings(group), db.dataSource());
        sink.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(done);
            assertThat(sink.status().healthy()).isTrue();
        } finally {
            sink.stop();
        }
    }

    /** True once the group committed, on every non-empty events partition, the end of that partition (the replay is complete). */
    private static boolean offsetsCommitted(KafkaEndpoint kafka, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int partition = 0; partition < Topics.SHOP_EVENTS.partitions(); partition++) {
                ends.put(new TopicPartition(Topics.SHOP_EVENTS.name(), partition), OffsetSpec.latest());
            }
            var latest = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
            return latest.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || committed.containsKey(end.getKey()) && committed.get(end.getKey()).offset() >= end.getValue().offset());
        }
    }

    private static ShopEvent view(String user, String productId) {
        return ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, productId, null, Instant.now());
    }

    private static long rowsOf(FreshDatabase db, String user) throws SQLException {
        return single(db, "SELECT count(*) FROM events WHERE user_id = ?", user);
    }

    private static long distinctEventIdsOf(FreshDatabase db, String user) throws SQLException {
        return single(db, "SELECT count(DISTINCT event_id) FROM events WHERE user_id = ?", user);
    }

    private static long single(FreshDatabase db, String sql, String parameter) throws SQLException {
        try (Connection connection = db.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            // Before the sink migrated the schema there is no events table (42P01), or no database yet (3D000).
            if ("42P01".equals(e.getSQLState()) || "3D000".equals(e.getSQLState())) {
                return -1;
            }
            throw e;
        }
    }
}
