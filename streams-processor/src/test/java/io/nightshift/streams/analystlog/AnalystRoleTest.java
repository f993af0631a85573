package io.nightshift.streams.analystlog;

import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The analysts' read-only role and their views, on a real PostgreSQL. */
@RealServers
class AnalystRoleTest {

    private static FreshDatabase db;

    @BeforeAll
    static void migrate(PostgresEndpoint postgres) throws SQLException {
        db = FreshDatabase.create(postgres);
        EventLogMigrations.migrate(db.dataSource(), "analyst");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO events (event_id, occurred_at, type, user_id, session_id, product_id, request_id, tier, model_version, cohort,
                                        schema_version, kafka_partition, kafka_offset) VALUES
                      (gen_random_uuid(), '2026-11-24T10:00:00Z', 'view',         'u-1', null, 'p-1', null, null, null, null, 2, 0, 1),
                      (gen_random_uuid(), '2026-11-24T10:01:00Z', 'view',         null, 's-9', 'p-1', null, null, null, null, 2, 0, 2),
                      (gen_random_uuid(), '2026-11-24T10:02:00Z', 'add_to_cart',  'u-1', null, 'p-1', null, null, null, null, 2, 0, 3),
                      (gen_random_uuid(), '2026-11-24T10:03:00Z', 'purchase',     'u-1', null, 'p-1', null, null, null, null, 2, 0, 4),
                      (gen_random_uuid(), '2026-11-24T11:00:00Z', 'reco_served',  'u-1', null, 'p-1', 'r-1', 'batch', 'v1', 'control', 2, 0, 5),
                      (gen_random_uuid(), '2026-11-24T11:00:00Z', 'reco_served',  'u-2', null, 'p-1', 'r-2', 'batch', 'v1', 'control', 2, 0, 6),
                      (gen_random_uuid(), '2026-11-24T11:00:00Z', 'reco_served',  'u-3', null, 'p-1', 'r-3', 'popular', null, 'control', 2, 0, 7),
                      (gen_random_uuid(), '2026-11-24T11:00:05Z', 'reco_clicked', 'u-1', null, 'p-2', 'r-1', 'batch', 'v1', 'control', 2, 0, 8),
                      (gen_random_uuid(), '2026-11-24T11:00:09Z', 'reco_clicked', 'u-1', null, 'p-3', 'r-1', 'batch', 'v1', 'control', 2, 0, 9)
                    """);
        }
    }

    @Test
    @DisplayName("the analyst connects as itself and can read tables and views")
    void analystCanRead() throws SQLException {
        try (Connection analyst = db.connectAs("analyst", "analyst"); Statement statement = analyst.createStatement()) {
            assertThat(single(statement, "SELECT current_user")).isEqualTo("analyst");
            assertThat(single(statement, "SELECT count(*) FROM events")).isEqualTo("9");
            assertThat(single(statement, "SELECT count(*) FROM catalog_products")).isEqualTo("0");
        }
    }

    @Test
    @DisplayName("the analyst cannot write: INSERT fails with 42501 insufficient privilege")
    void analystCannotWrite() throws SQLException {
        try (Connection analyst = db.connectAs("analyst", "analyst"); Statement statement = analyst.createStatement()) {
            assertThat(single(statement, "SELECT current_user")).isEqualTo("analyst");
            // The read-only session default would refuse first (25006); switch it off to prove the grants refuse too.
            statement.execute("SET default_transaction_read_only = off");

            SQLException refused = catchThrowableOfType(SQLException.class,
                    () -> statement.executeUpdate("INSERT INTO batch_runs (run_id, status, updated_at) VALUES ('x', 'running', now())"));

            assertThat(refused.getSQLState()).isEqualTo("42501");
        }
    }

    @Test
    @DisplayName("the analyst cannot write, truncate or create anything even after lifting its read-only default for the session and for its role")
    void analystIsReadOnlyByPrivilegesAlone() throws SQLException {
        try (Connection analyst = db.connectAs("analyst", "analyst"); Statement statement = analyst.createStatement()) {
            statement.execute("SET default_transaction_read_only = off");
            // What the role may change about itself: harmless, as the grants below show.
            statement.execute("ALTER ROLE analyst SET default_transaction_read_only = off");
        }
        try (Connection analyst = db.connectAs("analyst", "analyst"); Statement statement = analyst.createStatement()) {
            assertThat(single(statement, "SHOW default_transaction_read_only")).isEqualTo("off");
            for (String sql : List.of(
                    "INSERT INTO batch_runs (run_id, status, updated_at) VALUES ('x', 'running', now())",
                    "UPDATE events SET type = 'purchase'",
                    "DELETE FROM events",
                    "TRUNCATE events",
                    "TRUNCATE catalog_products",
                    "CREATE TABLE mine (id int)",
                    "CREATE TEMP TABLE mine (id int)",
                    "CREATE SCHEMA mine",
                    "CREATE VIEW mine AS SELECT 1",
                    "ALTER TABLE events ADD COLUMN mine int",
                    "DROP VIEW daily_funnel",
                    "SELECT ensure_event_partition('1850-01-01T00:00:00Z')")) {
                SQLException refused = catchThrowableOfType(SQLException.class, () -> statement.execute(sql));
                assertThat((Throwable) refused).as(sql).isNotNull();
                assertThat(refused.getSQLState()).as(sql).isIn("42501", "42P17");
            }
            assertThat(single(statement, "SELECT count(*) FROM events")).isEqualTo("9");
        } finally {
            try (Connection admin = db.connect(); Statement statement = admin.createStatement()) {
                statement.execute("ALTER ROLE analyst SET default_transaction_read_only = on");
            }
        }
    }

    @Test
    @DisplayName("the analyst owns nothing and is a member of no other role")
    void analystOwnsNothing() throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT count(*) FROM pg_class WHERE relowner = 'analyst'::regrole")).isEqualTo("0");
            assertThat(single(statement, "SELECT count(*) FROM pg_namespace WHERE nspowner = 'analyst'::regrole")).isEqualTo("0");
            assertThat(single(statement, "SELECT count(*) FROM pg_auth_members WHERE member = 'analyst'::regrole")).isEqualTo("0");
            assertThat(single(statement, "SELECT has_schema_privilege('analyst', 'public', 'CREATE')")).isEqualTo("f");
            assertThat(single(statement, "SELECT has_database_privilege('analyst', current_database(), 'TEMP')")).isEqualTo("f");
        }
    }

    @Test
    @DisplayName("the daily funnel counts events and distinct shoppers per step")
    void dailyFunnel() throws SQLException {
        try (Connection analyst = db.connectAs("analyst", "analyst"); Statement statement = analyst.createStatement()) {
            assertThat(single(statement, """
                    SELECT views || ' ' || add_to_carts || ' ' || purchases || ' ' || viewers || ' ' || buyers || ' ' || view_to_purchase
                    FROM daily_funnel WHERE day = '2026-11-24'""")).isEqualTo("2 1 1 2 1 0.5000");
        }
    }

    @Test
    @DisplayName("click-through counts an answer once however many of its items were clicked, per tier, version and cohort")
    void clickThrough() throws SQLException {
        try (Connection analyst = db.connectAs("analyst", "analyst"); Statement statement = analyst.createStatement()) {
            assertThat(single(statement, "SELECT served || ' ' || clicked || ' ' || ctr FROM reco_ctr WHERE tier = 'batch' AND model_version = 'v1'"))
                    .isEqualTo("2 1 0.5000");
            assertThat(single(statement, "SELECT served || ' ' || clicked FROM reco_ctr WHERE tier = 'popular'")).isEqualTo("1 0");
        }
    }

    @Test
    @DisplayName("migrating a second database on the same server reuses the role instead of failing")
    void roleCreationIsIdempotent(PostgresEndpoint postgres) throws SQLException {
        FreshDatabase another = FreshDatabase.create(postgres);

        assertThat(EventLogMigrations.migrate(another.dataSource(), "analyst").success).isTrue();

        try (Connection analyst = another.connectAs("analyst", "analyst"); Statement statement = analyst.createStatement()) {
            assertThat(single(statement, "SELECT current_user || ' ' || current_database()")).isEqualTo("analyst " + another.name());
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }
}
