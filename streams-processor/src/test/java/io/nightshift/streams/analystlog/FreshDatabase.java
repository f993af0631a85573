package io.nightshift.streams.analystlog;

import io.nightshift.infra.local.PostgresEndpoint;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** An empty database of its own on the shared test server, so tests never see each other's rows. */
record FreshDatabase(PostgresEndpoint server, String name) {

    static FreshDatabase create(PostgresEndpoint server) throws SQLException {
        return planned(server).create();
    }

    /** A name for a database that does not exist yet: connecting fails until {@link #create()}. */
    static FreshDatabase planned(PostgresEndpoint server) {
        return new FreshDatabase(server, "eventlog_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    FreshDatabase create() throws SQLException {
        try (Connection admin = server.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return this;
    }

    /** Built here without credentials in it: a {@code ?user=} would beat the user passed alongside. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + name;
    }

    PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(server.user());
        dataSource.setPassword(server.password());
        return dataSource;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), server.user(), server.password());
    }

    Connection connectAs(String role, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role, password);
    }
}
