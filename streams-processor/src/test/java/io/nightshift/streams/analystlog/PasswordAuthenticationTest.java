package io.nightshift.streams.analystlog;

import com.zaxxer.hikari.HikariDataSource;
import io.nightshift.infra.local.servers.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL asking for passwords (scram-sha-256 on TCP), as a real server does: the app's
 * datasource, built from {@code spring.datasource.*} the way Spring Boot builds it, logs in with
 * the right password and runs the event-log migrations, and is refused with a wrong one. The
 * migrations run as the superuser: V5 strips the analysts' role of attributes only a superuser may change.
 */
class PasswordAuthenticationTest {

    private static final String SUPERUSER_PASSWORD = "superuser-secret-4";
    private static final String ROLE = "nightshift";
    private static final String PASSWORD = "app-secret-3";
    private static LocalPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = LocalPostgres.start();
        postgres.requirePasswords(SUPERUSER_PASSWORD, ROLE, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static HikariDataSource dataSource(String username, String password) {
        DataSourceProperties settings = new DataSourceProperties();
        settings.setUrl(postgres.endpoint().jdbcUrl());
        settings.setUsername(username);
        settings.setPassword(password);
        HikariDataSource dataSource = settings.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        dataSource.setConnectionTimeout(5_000);
        dataSource.setInitializationFailTimeout(-1);
        return dataSource;
    }

    @Test
    @DisplayName("the right passwords log in: the migrations run, the app's own role and the analysts' role connect")
    void rightPassword() throws SQLException {
        try (HikariDataSource dataSource = dataSource("postgres", SUPERUSER_PASSWORD)) {
            EventLogMigrations.migrate(dataSource, "analyst-secret-5");
        }
        try (HikariDataSource dataSource = dataSource(ROLE, PASSWORD);
             Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
             ResultSet answer = sql.executeQuery("SELECT current_user, to_regclass('events') IS NOT NULL")) {
            answer.next();
            assertThat(answer.getString(1)).isEqualTo(ROLE);
            assertThat(answer.getBoolean(2)).isTrue();
        }
        // The migration gave the analysts' role the password it was handed, and TCP asks for it too.
        try (Connection analyst = postgres.endpoint().connectAs("analyst", "analyst-secret-5")) {
            assertThat(analyst.isValid(2)).isTrue();
        }
    }

    @Test
    @DisplayName("a wrong password is refused by the server (SQLSTATE 28P01)")
    void wrongPassword() {
        try (HikariDataSource dataSource = dataSource(ROLE, "not-the-password")) {
            assertThatThrownBy(dataSource::getConnection)
                    .isInstanceOf(SQLException.class)
                    .rootCause().hasMessageContaining("password authentication failed for user \"nightshift\"");
        }
    }

    @Test
    @DisplayName("the demo's superuser password no longer works once passwords are required")
    void demoPasswordRefused() {
        assertThatThrownBy(() -> postgres.endpoint().connectAs("postgres", "postgres"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }
}
