package io.nightshift.infra.local.servers;

import io.nightshift.infra.local.RedisEndpoint;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real {@code redis-server} (6.2, shipped inside the embedded-redis jar) on a loopback port,
 * without persistence: Redis is a projection here, rebuilt from Kafka.
 */
public final class LocalRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private LocalRedis(int port) {
        this.port = port;
    }

    public static LocalRedis start() {
        return start(FreePorts.next());
    }

    public static LocalRedis start(int port) {
        LocalRedis redis = new LocalRedis(port);
        redis.boot();
        return redis;
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint("127.0.0.1", port);
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
    }

    /** Starts an empty server on the same port. */
    public synchronized void restart() {
        stop();
        boot();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void boot() {
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
}
