package io.nightshift.infra.local.servers;

import io.nightshift.infra.local.RedisEndpoint;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real {@code redis-server} on a loopback port, without persistence: Redis is a projection here,
 * rebuilt from Kafka. Plain by default (6.2, shipped inside the embedded-redis jar); {@link #startSecured}
 * runs the distribution's {@code redis-server} 7 (Debian's package: built with TLS) with a password,
 * an ACL user and TLS, as a production Redis would be.
 */
public final class LocalRedis implements AutoCloseable {

    private final int port;
    private final RedisLock lock;
    private RedisServer server;
    private SecuredRedisProcess secured;

    private LocalRedis(int port, RedisLock lock) {
        this.port = port;
        this.lock = lock;
    }

    public static LocalRedis start() {
        return start(FreePorts.next());
    }

    public static LocalRedis start(int port) {
        LocalRedis redis = new LocalRedis(port, null);
        redis.boot();
        return redis;
    }

    /**
     * Starts the distribution's {@code redis-server} locked as {@code lock} says (password, ACL user,
     * TLS-only port); fails with what to install when the binary is missing.
     */
    public static LocalRedis startSecured(RedisLock lock) {
        LocalRedis redis = new LocalRedis(FreePorts.next(), lock);
        redis.boot();
        return redis;
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint("127.0.0.1", port);
    }

    /** How this server is locked; {@code null} for the plain one. */
    public RedisLock lock() {
        return lock;
    }

    /** Stops the server; clients see connection refused until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop redis-server on port " + port, e);
            }
            server = null;
        }
        if (secured != null) {
            secured.stop();
            secured = null;
        }
    }

    /** Starts an empty server on the same port. */
    public synchronized void restart() {
        stop();
        boot();
    }

    public synchronized boolean isRunning() {
        return server != null || secured != null;
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void boot() {
        if (lock != null) {
            secured = SecuredRedisProcess.start(port, lock);
            return;
        }
        try {
            RedisServer created = RedisServer.newRedisServer()
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory-policy noeviction")
                    .build();
            created.start();
            server = created;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start redis-server on port " + port, e);
        }
    }

    /**
     * How a secured server is locked.
     *
     * @param password     the default user's password ({@code requirepass}); required
     * @param aclUser      an extra ACL user with every right, or {@code null}
     * @param aclPassword  its password
     * @param tls          the certificates for a TLS-only port, or {@code null} for plain TCP
     */
    public record RedisLock(String password, String aclUser, String aclPassword, ThrowawayCa tls) {

        public RedisLock {
            if (password == null || password.isBlank() || password.chars().anyMatch(c -> c <= ' ' || c == '"')) {
                throw new IllegalArgumentException("a secured Redis needs a password without spaces or quotes");
            }
            if ((aclUser == null) != (aclPassword == null)) {
                throw new IllegalArgumentException("an ACL user needs a password, and a password its user");
            }
        }

        /** A password for the default user, plain TCP. */
        public static RedisLock password(String password) {
            return new RedisLock(password, null, null, null);
        }

        public RedisLock withAclUser(String user, String userPassword) {
            return new RedisLock(password, user, userPassword, tls);
        }

        /** TLS only: the plain port is closed; the certificates are issued into {@code folder}. */
        public RedisLock withTls(Path folder) {
            return new RedisLock(password, aclUser, aclPassword, ThrowawayCa.issue(folder));
        }

        @Override
        public String toString() {
            return "RedisLock[password ****" + (aclUser == null ? "" : ", user " + aclUser) + (tls == null ? "" : ", TLS") + "]";
        }
    }

    /** Where the distribution installs the binary; Debian's package is built with TLS. */
    static Path systemBinary() {
        for (String candidate : new String[]{"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            Path binary = Path.of(candidate);
            if (Files.isExecutable(binary)) {
                return binary;
            }
        }
        throw new IllegalStateException("a secured Redis runs the distribution's redis-server 7, which is not installed:"
                + " apt-get install redis-server (CI installs it in .ci/run)");
    }
}
