package io.nightshift.infra.local.servers;

import io.nightshift.infra.local.servers.LocalRedis.RedisLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution's {@code redis-server} as a child process, configured from a file in its own
 * scratch folder (the passwords never appear on a command line, where {@code ps} would show them).
 */
final class SecuredRedisProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path folder;

    private SecuredRedisProcess(Process process, Path folder) {
        this.process = process;
        this.folder = folder;
    }

    static SecuredRedisProcess start(int port, RedisLock lock) {
        Path binary = LocalRedis.systemBinary();
        Path folder;
        try {
            folder = Files.createTempDirectory("nightshift-redis-");
            Path config = folder.resolve("redis.conf");
            Files.write(config, configuration(port, lock, folder));
            Path log = folder.resolve("redis.log");
            Process process = new ProcessBuilder(binary.toString(), config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitReady(process, log, port);
            return new SecuredRedisProcess(process, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary + " on port " + port, e);
        }
    }

    private static List<String> configuration(int port, RedisLock lock, Path folder) {
        List<String> lines = new ArrayList<>(List.of(
                "bind 127.0.0.1",
                "protected-mode yes",
                "save \"\"",
                "appendonly no",
                "maxmemory-policy noeviction",
                "dir " + folder,
                "requirepass " + lock.password()));
        if (lock.aclUser() != null) {
            lines.add("user " + lock.aclUser() + " on >" + lock.aclPassword() + " ~* &* +@all");
        }
        if (lock.tls() == null) {
            lines.add("port " + port);
        } else {
            // TLS only, as a managed Redis offers it: the plain port is closed.
            lines.add("port 0");
            lines.add("tls-port " + port);
            lines.add("tls-cert-file " + lock.tls().serverPem());
            lines.add("tls-key-file " + lock.tls().serverKeyPem());
            lines.add("tls-ca-cert-file " + lock.tls().caPem());
            lines.add("tls-auth-clients no");
        }
        return lines;
    }

    private static void awaitReady(Process process, Path log, int port) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("Ready to accept connections")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited at start: " + tail(log));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server on port " + port + " was not ready within " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // The certificates live elsewhere (the lock's folder); only config, log and the empty data folder go.
        ScratchFolders.delete(folder);
    }
}
