package io.nightshift.infra.local.servers;

import io.nightshift.infra.local.PostgresEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL (17, from zonky's packaged binaries) on a loopback port, its data folder
 * removed on {@link #close()}. It trusts every loopback connection (the demo) until
 * {@link #requirePasswords} makes it ask for passwords like a production server. As root, zonky runs {@code initdb} and {@code postgres} under
 * {@code unshare -U}, which needs util-linux.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private volatile String superuserPassword = SUPERUSER;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    public static LocalPostgres start() {
        return start(FreePorts.next());
    }

    public static LocalPostgres start(int port) {
        try {
            Path dataDir = Files.createTempDirectory("nightshift-pg-");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            return new LocalPostgres(postgres, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL on port " + port
                    + " (as root it needs `unshare` from util-linux)", e);
        }
    }

    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint("127.0.0.1", postgres.getPort(), "postgres", SUPERUSER, superuserPassword);
    }

    /**
     * From now on every TCP connection must log in with a password (scram-sha-256), as on a real
     * server: the superuser's becomes {@code newSuperuserPassword} and {@code role} is created as a
     * login role with {@code rolePassword} (owner of nothing; grant it what the app needs), or
     * skipped when {@code role} is null. The demo's trust on loopback ends here.
     */
    public synchronized void requirePasswords(String newSuperuserPassword, String role, String rolePassword) {
        try (Connection connection = endpoint().connect(); Statement sql = connection.createStatement()) {
            sql.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + literal(newSuperuserPassword));
            if (role != null) {
                sql.execute("CREATE ROLE " + identifier(role) + " LOGIN CREATEROLE PASSWORD " + literal(rolePassword));
                sql.execute("GRANT CREATE, TEMPORARY ON DATABASE postgres TO " + identifier(role));
                sql.execute("GRANT CREATE ON SCHEMA public TO " + identifier(role));
            }
            // Local socket connections (pg_ctl, initdb's own) stay trusted; everything over TCP needs a password.
            Files.writeString(dataDir.resolve("pg_hba.conf"), """
                    local all all trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            sql.execute("SELECT pg_reload_conf()");
            superuserPassword = newSuperuserPassword;
        } catch (SQLException e) {
            throw new IllegalStateException("could not switch PostgreSQL on port " + postgres.getPort() + " to password authentication", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rewrite pg_hba.conf in " + dataDir, e);
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String identifier(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL", e);
        }
    }
}
