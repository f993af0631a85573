package io.nightshift.schemas;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code db/eventlog} with Flyway against a real PostgreSQL 17 (zonky's packaged binaries).
 *
 * <p>Not through infra-local's {@code @RealServers}: infra-local depends on schemas, so a test
 * dependency back on it would close a cycle in the reactor. The server is started here directly.
 */
class EventLogMigrationTest {

    private static final String USER = "postgres";

    private static EmbeddedPostgres postgres;
    private static String jdbcUrl;
    private static MigrateResult migration;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("nightshift-eventlog-pg-"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        migration = flyway().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("every migration applies in order, and running them again changes nothing")
    void appliesOnceAndOnlyOnce() {
        assertThat(migration.success).isTrue();
        assertThat(migration.migrationsExecuted).isEqualTo(6);
        assertThat(migration.targetSchemaVersion).isEqualTo("6");

        MigrateResult again = flyway().migrate();

        assertThat(again.success).isTrue();
        assertThat(again.migrationsExecuted).isZero();
    }

    @Test
    @DisplayName("events is a table partitioned by range of occurred_at, with the months around now prepared")
    void eventsIsPartitioned() throws SQLException {
        try (Connection db = connect()) {
            assertThat(single(db, "SELECT relkind::text FROM pg_class WHERE oid = 'events'::regclass")).isEqualTo("p");
            assertThat(single(db, "SELECT partstrat::text FROM pg_partitioned_table WHERE partrelid = 'events'::regclass"))
                    .isEqualTo("r");
            String thisMonth = single(db, "SELECT to_char(now() AT TIME ZONE 'UTC', '\"events_\"YYYY_MM')");
            String nextMonth = single(db, "SELECT to_char((now() AT TIME ZONE 'UTC') + interval '1 month', '\"events_\"YYYY_MM')");
            assertThat(partitions(db)).contains(thisMonth, nextMonth);
        }
    }

    @Test
    @DisplayName("ensure_event_partition creates the UTC month's partition once, whatever the session time zone")
    void ensuresAMonthPartition() throws SQLException {
        try (Connection db = connect()) {
            execute(db, "SET TIME ZONE 'America/Los_Angeles'");
            String name = single(db, "SELECT ensure_event_partition('2019-03-01T00:00:00Z')");
            String again = single(db, "SELECT ensure_event_partition('2019-03-31T23:59:59.999Z')");

            assertThat(name).isEqualTo("events_2019_03");
            assertThat(again).isEqualTo(name);
            assertThat(partitions(db)).contains("events_2019_03").doesNotContain("events_2019_02", "events_2019_04");
            UUID first = UUID.randomUUID();
            UUID last = UUID.randomUUID();
            insertEvent(db, first, "2019-03-01T00:00:00Z");
            insertEvent(db, last, "2019-03-31T23:59:59.999Z");
            assertThat(partitionOf(db, first)).isEqualTo("events_2019_03");
            assertThat(partitionOf(db, last)).isEqualTo("events_2019_03");
        }
    }

    @Test
    @DisplayName("inserting the same event twice with ON CONFLICT DO NOTHING keeps one row")
    void sameEventTwiceKeepsOneRow() throws SQLException {
        try (Connection db = connect()) {
            UUID eventId = UUID.randomUUID();
            String at = OffsetDateTime.now(ZoneOffset.UTC).toString();

            assertThat(insertEvent(db, eventId, at)).isEqualTo(1);
            assertThat(insertEvent(db, eventId, at)).isZero();

            assertThat(countEvents(db, eventId)).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the event_ids guard keeps an event id unique across partitions, which the events key alone cannot")
    void eventIdsGuardsUniquenessAcrossPartitions() throws SQLException {
        try (Connection db = connect()) {
            String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
            String lastMonth = OffsetDateTime.now(ZoneOffset.UTC).minusMonths(1).toString();

            // Without the guard: the key is (event_id, occurred_at), so a replay carrying another
            // month's timestamp is a second row.
            UUID unguarded = UUID.randomUUID();
            insertEvent(db, unguarded, now);
            insertEvent(db, unguarded, lastMonth);
            assertThat(countEvents(db, unguarded)).isEqualTo(2);

            // The sink's way: claim the id in event_ids first, write the event only when the claim took.
            UUID guarded = UUID.randomUUID();
            assertThat(insertGuarded(db, guarded, now)).isEqualTo(1);
            assertThat(insertGuarded(db, guarded, lastMonth)).isZero();
            assertThat(insertGuarded(db, guarded, now)).isZero();
            assertThat(countEvents(db, guarded)).isEqualTo(1);
            assertThat(single(db, "SELECT count(*)::text FROM event_ids WHERE event_id = '" + guarded + "'")).isEqualTo("1");
        }
    }

    @Test
    @DisplayName("the catalog, model version and batch run tables exist")
    void otherTablesExist() throws SQLException {
        try (Connection db = connect()) {
            for (String table : new String[] {"event_ids", "catalog_products", "catalog_history", "model_versions", "batch_runs"}) {
                assertThat(single(db, "SELECT relkind::text FROM pg_class WHERE oid = to_regclass('" + table + "')"))
                        .as(table).isEqualTo("r");
            }
            execute(db, "INSERT INTO model_versions (model_version) VALUES ('v-migration-test')");
            assertThat(single(db, "SELECT parameters::text || ' ' || status FROM model_versions WHERE model_version = 'v-migration-test'"))
                    .isEqualTo("{} published");
        }
    }

    private static Flyway flyway() {
        return Flyway.configure()
                .dataSource(jdbcUrl, USER, USER)
                .locations("classpath:db/eventlog")
                .placeholders(java.util.Map.of("analyst_password", "analyst"))
                .load();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, USER, USER);
    }

    private static int insertEvent(Connection db, UUID eventId, String occurredAt) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO events (event_id, occurred_at, type, product_id, schema_version, kafka_partition, kafka_offset)
                VALUES (?, ?::timestamptz, 'view', 'p-1', 1, 0, 0)
                ON CONFLICT DO NOTHING""")) {
            insert.setObject(1, eventId);
            insert.setString(2, occurredAt);
            return insert.executeUpdate();
        }
    }

    private static int insertGuarded(Connection db, UUID eventId, String occurredAt) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                WITH claimed AS (
                    INSERT INTO event_ids (event_id, occurred_at) VALUES (?, ?::timestamptz)
                    ON CONFLICT DO NOTHING
                    RETURNING event_id, occurred_at)
                INSERT INTO events (event_id, occurred_at, type, product_id, schema_version, kafka_partition, kafka_offset)
                SELECT event_id, occurred_at, 'view', 'p-1', 1, 0, 0 FROM claimed""")) {
            insert.setObject(1, eventId);
            insert.setString(2, occurredAt);
            return insert.executeUpdate();
        }
    }

    private static String partitionOf(Connection db, UUID eventId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT tableoid::regclass::text FROM events WHERE event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("event %s stored", eventId).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static long countEvents(Connection db, UUID eventId) throws SQLException {
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM events WHERE event_id = ?")) {
            count.setObject(1, eventId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> partitions(Connection db) throws SQLException {
        var names = new ArrayList<String>();
        try (Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'events'::regclass")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String single(Connection db, String sql) throws SQLException {
        try (Statement query = db.createStatement(); ResultSet rows = query.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from: %s", sql).isTrue();
            return rows.getString(1);
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
