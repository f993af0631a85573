package io.nightshift.infra.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where a running PostgreSQL answers, and the superuser to reach it with.
 *
 * <p>The JDBC URL is built here, without credentials in it: a {@code ?user=} in the URL would
 * silently beat the user passed to {@link DriverManager#getConnection(String, String, String)},
 * and a test of a read-only role would then run as superuser.
 */
public record PostgresEndpoint(String host, int port, String database, String user, String password) {

    /** {@code jdbc:postgresql://host:port/database}, credentials passed separately. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A connection as the superuser. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** A connection as another role, e.g. the analysts' read-only one. */
    public Connection connectAs(String role, String rolePassword) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role, rolePassword);
    }
}
