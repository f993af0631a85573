package io.nightshift.infra.local.servers;

import io.nightshift.infra.local.PostgresEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL (17, from zonky's packaged binaries) on a loopback port, its data folder
 * removed on {@link #close()}. As root, zonky runs {@code initdb} and {@code postgres} under
 * {@code unshare -U}, which needs util-linux.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
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
            return new LocalPostgres(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL on port " + port
                    + " (as root it needs `unshare` from util-linux)", e);
        }
    }

    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint("127.0.0.1", postgres.getPort(), "postgres", SUPERUSER, SUPERUSER);
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
