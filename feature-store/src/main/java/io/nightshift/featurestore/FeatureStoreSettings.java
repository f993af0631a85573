package io.nightshift.featurestore;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

import java.time.Duration;
import java.util.Objects;

/**
 * Where Redis is and how long to wait for it.
 *
 * <p>The timeout is deliberately short: it bounds the TCP connect, every socket read, and the wait
 * for a free pooled connection. A shopper's request must fall back to the last-known-good tier
 * within milliseconds when Redis is away, not hang for the operating system's default timeout.
 *
 * @param host     Redis host, e.g. {@code 127.0.0.1}
 * @param port     Redis port
 * @param timeout  connect, read and pool-wait timeout
 * @param poolSize the most connections the store opens at once
 * @param access   the login, database and TLS ({@link RedisAccess#NONE} in the demo)
 */
public record FeatureStoreSettings(String host, int port, Duration timeout, int poolSize, RedisAccess access) {

    /** Demo-ready defaults: 200 ms timeout, up to 32 connections. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);
    public static final int DEFAULT_POOL_SIZE = 32;

    public FeatureStoreSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Redis host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Redis port must be 1-65535, was " + port);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Redis timeout must be positive, was " + timeout);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("Redis pool size must be at least 1, was " + poolSize);
        }
        Objects.requireNonNull(access, "access");
    }

    /** Settings without login or TLS, as on one machine. */
    public FeatureStoreSettings(String host, int port, Duration timeout, int poolSize) {
        this(host, port, timeout, poolSize, RedisAccess.NONE);
    }

    /** Settings with the demo-ready timeout and pool size. */
    public static FeatureStoreSettings of(String host, int port) {
        return new FeatureStoreSettings(host, port, DEFAULT_TIMEOUT, DEFAULT_POOL_SIZE);
    }

    public FeatureStoreSettings withTimeout(Duration timeout) {
        return new FeatureStoreSettings(host, port, timeout, poolSize, access);
    }

    public FeatureStoreSettings withPoolSize(int poolSize) {
        return new FeatureStoreSettings(host, port, timeout, poolSize, access);
    }

    public FeatureStoreSettings withAccess(RedisAccess access) {
        return new FeatureStoreSettings(host, port, timeout, poolSize, access);
    }

    /**
     * The Jedis client configuration of these settings (timeouts, login, database, TLS), for the few
     * maintenance tools that talk to Redis beside the store (removing keys by pattern for a replay).
     */
    public JedisClientConfig clientConfig(String clientName) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .clientName(clientName)
                // CLIENT SETINFO costs a round trip per new connection and Redis 6 rejects it anyway.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .user(access.username())
                .password(access.password())
                .database(access.database());
        if (access.tls()) {
            // FULL checks the certificate's chain and its host name; Jedis alone would check neither.
            SslOptions.Builder tls = SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL);
            if (access.trustStore() != null) {
                char[] password = access.trustStorePassword() == null ? null : access.trustStorePassword().toCharArray();
                tls.truststore(access.trustStore().toFile(), password).trustStoreType("PKCS12");
            }
            builder.ssl(true).sslOptions(tls.build());
        }
        return builder.build();
    }

    /** Where Redis answers, for Jedis. */
    public HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }

    /** {@code host:port}, as error messages name it. */
    public String address() {
        return host + ":" + port;
    }
}
