package io.nightshift.streams.analystlog;

import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer against a real PostgreSQL migrated with the real migrations. */
@RealServers
class EventLogWriterTest {

    private static FreshDatabase db;
    private long offset;

    @BeforeAll
    static void migrate(PostgresEndpoint postgres) throws SQLException {
        db = FreshDatabase.create(postgres);
        EventLogMigrations.migrate(db.dataSource(), "analyst");
    }

    @Test
    @DisplayName("events are written once: duplicates in the batch, in a later batch, or with another timestamp change nothing")
    void eventsAreWrittenOnce() throws SQLException {
        ShopEvent view = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-1", "p-1", null, Instant.now());
        ShopEvent purchase = ShopEvent.interaction(UUID.randomUUID(), EventType.PURCHASE, "u-1", "p-1", 2.0, Instant.now());
        ShopEvent replayedLater = new ShopEvent(view.eventId(), view.schemaVersion(), view.type(), view.userId(), null,
                view.productId(), null, view.occurredAt().minusSeconds(40 * 86_400), null);

        EventLogWriter.Written first = write(List.of(event(view), event(view), event(purchase)));
        EventLogWriter.Written second = write(List.of(event(view), event(replayedLater), event(purchase)));

        assertThat(first.events()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(second.events()).isZero();
        assertThat(count("SELECT count(*) FROM events WHERE event_id IN ('" + view.eventId() + "', '" + purchase.eventId() + "')")).isEqualTo(2);
        assertThat(text("SELECT type || ' ' || value || ' ' || user_id FROM events WHERE event_id = '" + purchase.eventId() + "'"))
                .isEqualTo("purchase 2 u-1");
    }

    @Test
    @DisplayName("an imported event from a month without a partition is stored in the default partition, and no partition is created")
    void oldMonthsGoToTheDefaultPartition() throws SQLException {
        ShopEvent old = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-2", "p-2", null, Instant.parse("2019-05-17T12:00:00Z"));

        write(List.of(event(old)));

        assertThat(text("SELECT tableoid::regclass::text FROM events WHERE event_id = '" + old.eventId() + "'")).isEqualTo("events_default");
        assertThat(text("SELECT to_regclass('events_2019_05') IS NULL")).isEqualTo("t");
    }

    @Test
    @DisplayName("recommendation events keep their tier, model version, cohort and request id")
    void recoContextIsKept() throws SQLException {
        ShopEvent served = new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.RECO_SERVED, "u-3", "s-3", "p-3", null,
                Instant.now(), new RecoContext("r-" + UUID.randomUUID(), Tier.FRESH, "v7", "treatment"));

        write(List.of(event(served)));

        assertThat(text("SELECT tier || ' ' || model_version || ' ' || cohort || ' ' || session_id FROM events WHERE event_id = '"
                + served.eventId() + "'")).isEqualTo("fresh v7 treatment s-3");
    }

    @Test
    @DisplayName("the catalog keeps every change and the current product, and an older change never overwrites a newer one")
    void catalogHistoryAndCurrentState() throws SQLException {
        String productId = "p-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        CatalogEvent created = CatalogEvent.upsert(UUID.randomUUID(), new Product(productId, "Pan", "kitchen", 10.0, true), t0);
        CatalogEvent repriced = CatalogEvent.upsert(UUID.randomUUID(), new Product(productId, "Pan", "kitchen", 12.0, true), t0.plusSeconds(60));
        CatalogEvent deleted = CatalogEvent.delete(UUID.randomUUID(), productId, t0.plusSeconds(120));

        write(List.of(catalog(created), catalog(repriced), catalog(deleted)));
        write(List.of(catalog(repriced), catalog(created)));

        assertThat(count("SELECT count(*) FROM catalog_history WHERE product_id = '" + productId + "'")).isEqualTo(3);
        assertThat(text("SELECT name || ' ' || price || ' ' || available || ' ' || deleted FROM catalog_products WHERE product_id = '"
                + productId + "'")).isEqualTo("Pan 12 false true");
    }

    @Test
    @DisplayName("published and activated versions are recorded with lineage and who activated them; runs keep their progress")
    void versionsAndRuns() throws SQLException {
        String v1 = "v-" + UUID.randomUUID().toString().substring(0, 8);
        String v2 = "v-" + UUID.randomUUID().toString().substring(0, 8);
        Lineage lineage = new Lineage("cooccurrence", Map.of("neighbours", "50"), Map.of("ndcg@10", 0.04), "shop.events.v1:0-10", "0.1.0");
        String runId = "run-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-24T03:00:00Z");
        ControlEvent running = ControlEvent.run(ControlType.RUN_PROGRESS, "laptop", new RunProgress(runId, RunStatus.RUNNING, "score", 5, 10, null), at);

        write(List.of(
                control(ControlEvent.version(ControlType.VERSION_PUBLISHED, "laptop", new VersionInfo(v1, 3L, lineage), at)),
                control(ControlEvent.version(ControlType.VERSION_ACTIVATED, "owner", new VersionInfo(v1, 3L, null), at.plusSeconds(10))),
                control(ControlEvent.version(ControlType.VERSION_ACTIVATED, "laptop", new VersionInfo(v2, 3L, null), at.plusSeconds(20))),
                control(running),
                control(ControlEvent.run(ControlType.RUN_PROGRESS, "laptop", new RunProgress(runId, RunStatus.COMPLETED, "publish", 10, 10, "ok"), at.plusSeconds(30)))));
        // A replayed progress report from earlier must not move the run back.
        write(List.of(control(running)));

        assertThat(text("SELECT model_family || ' ' || (parameters->>'neighbours') || ' ' || (metrics->>'ndcg@10') || ' ' || status || ' ' || activated_by"
                + " FROM model_versions WHERE model_version = '" + v1 + "'")).isEqualTo("cooccurrence 50 0.04 superseded owner");
        assertThat(text("SELECT status || ' ' || activated_by FROM model_versions WHERE model_version = '" + v2 + "'")).isEqualTo("active laptop");
        assertThat(count("SELECT count(*) FROM control_events WHERE payload->'run'->>'runId' = '" + runId + "'")).isEqualTo(2);
        assertThat(text("SELECT string_agg(actor, ',' ORDER BY occurred_at) FROM control_events WHERE type = 'version_activated'"
                + " AND payload->'version'->>'modelVersion' IN ('" + v1 + "', '" + v2 + "')")).isEqualTo("owner,laptop");
        assertThat(text("SELECT status || ' ' || done || '/' || total || ' ' || (started_at IS NOT NULL) || ' ' || (finished_at IS NOT NULL)"
                + " FROM batch_runs WHERE run_id = '" + runId + "'")).isEqualTo("completed 10/10 true true");
    }

    @Test
    @DisplayName("a record that breaks its contract is skipped (the streams topology dead-letters it), the rest is written")
    void invalidRecordsAreSkipped() throws SQLException {
        ShopEvent view = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-4", "p-4", null, Instant.now());

        EventLogWriter.Written written = write(List.of(
                new ConsumerRecord<>(Topics.SHOP_EVENTS.name(), 0, offset++, "u-4", "not json".getBytes()), event(view)));

        assertThat(written.skipped()).isEqualTo(1);
        assertThat(written.events()).isEqualTo(1);
    }

    @Test
    @DisplayName("heartbeats are downsampled to the last one of each minute per laptop, whatever order they come in")
    void heartbeatsPerMinute() throws SQLException {
        String laptop = "laptop-" + UUID.randomUUID();
        Instant minute = Instant.parse("2026-11-24T10:15:00Z");
        write(List.of(heartbeat(laptop, minute.plusSeconds(5), 60.0), heartbeat(laptop, minute.plusSeconds(35), 70.0),
                heartbeat(laptop, minute.plusSeconds(65), 50.0)));
        // A late, older heartbeat of the first minute changes nothing; a replayed one neither.
        write(List.of(heartbeat(laptop, minute.plusSeconds(20), 99.0), heartbeat(laptop, minute.plusSeconds(35), 70.0)));

        assertThat(count("SELECT count(*) FROM laptop_heartbeats WHERE laptop_id = '" + laptop + "'")).isEqualTo(2);
        assertThat(text("SELECT temperature_c || ' ' || to_char(sent_at AT TIME ZONE 'UTC', 'HH24:MI:SS') FROM laptop_heartbeats"
                + " WHERE laptop_id = '" + laptop + "' AND minute = '2026-11-24T10:15:00Z'")).isEqualTo("70 10:15:35");
        assertThat(text("SELECT minutes_online FROM laptop_availability_daily WHERE laptop_id = '" + laptop + "'")).isEqualTo("2");
    }

    private ConsumerRecord<String, byte[]> heartbeat(String laptop, Instant sentAt, double temperature) {
        Heartbeat heartbeat = new Heartbeat(laptop, Heartbeat.SCHEMA_VERSION, sentAt, "idle", "ac", temperature, "cpu()", null, null, 0L);
        return new ConsumerRecord<>(Topics.LAPTOP_HEARTBEAT.name(), 0, offset++, laptop, ContractCodec.of(Contract.HEARTBEAT).encode(heartbeat));
    }

    private final EventLogWriter writer = new EventLogWriter();

    private EventLogWriter.Written write(List<ConsumerRecord<String, byte[]>> records) throws SQLException {
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            EventLogWriter.Written written = writer.write(connection, new ArrayList<>(records));
            connection.commit();
            return written;
        }
    }

    private ConsumerRecord<String, byte[]> event(ShopEvent event) {
        return new ConsumerRecord<>(Topics.SHOP_EVENTS.name(), 0, offset++, event.partitionKey(), ContractCodec.of(Contract.SHOP_EVENT).encode(event));
    }

    private ConsumerRecord<String, byte[]> catalog(CatalogEvent event) {
        return new ConsumerRecord<>(Topics.SHOP_CATALOG.name(), 0, offset++, event.productId(), ContractCodec.of(Contract.CATALOG_EVENT).encode(event));
    }

    private ConsumerRecord<String, byte[]> control(ControlEvent event) {
        return new ConsumerRecord<>(Topics.RECO_CONTROL.name(), 0, offset++, null, ContractCodec.of(Contract.CONTROL_EVENT).encode(event));
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private static String text(String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }
}
