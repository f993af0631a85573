package io.nightshift.featurestore;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one pooled Jedis client of a {@link FeatureStore}, shared by all its roles, and the guard
 * every Redis call goes through: "Redis is away" becomes {@link FeatureStoreUnavailableException},
 * anything else is a bug and propagates. Also the store's clock and its count of unreadable values,
 * so every role sees the same ones.
 */
final class RedisConnection implements AutoCloseable {

    private final FeatureStoreSettings settings;
    private final JedisPooled jedis;
    private final Clock clock;
    private final UnreadableValues unreadable = new UnreadableValues();

    /**
     * @param socketFactory how connections are opened; {@code null} for plain TCP. Tests pass one
     *                      that counts round trips.
     */
    RedisConnection(FeatureStoreSettings settings, JedisSocketFactory socketFactory, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        JedisClientConfig clientConfig = settings.clientConfig("nightshift-feature-store");
        var pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        // Without this a saturated pool waits for ever; with it the caller falls back like on any outage.
        pool.setMaxWait(settings.timeout());
        pool.setJmxEnabled(false);
        JedisSocketFactory sockets = socketFactory != null ? socketFactory
                : new DefaultJedisSocketFactory(settings.hostAndPort(), clientConfig);
        this.jedis = new JedisPooled(pool, sockets, clientConfig);
    }

    /** Runs one call (one or more commands) on the pool, translating "Redis is away" and "Redis refused the login". */
    <T> T call(Function<JedisPooled, T> call) {
        try {
            return guarded(call);
        } catch (RuntimeException e) {
            if (causedBy(e, JedisAccessControlException.class)) {
                // A wrong password is as unavailable as a dead server for serving, but the fix is the settings.
                throw FeatureStoreUnavailableException.refused(settings.address(), e);
            }
            throw e;
        }
    }

    private <T> T guarded(Function<JedisPooled, T> call) {
        try {
            return call.apply(jedis);
        } catch (JedisConnectionException e) {
            // After a Redis restart every idle pooled connection is dead; drop them all now
            // rather than failing one request per stale connection.
            jedis.getPool().clear();
            throw new FeatureStoreUnavailableException(settings.address(), e);
        } catch (JedisBusyException e) {
            throw new FeatureStoreUnavailableException(settings.address(), e);
        } catch (JedisException e) {
            if (e.getCause() instanceof NoSuchElementException) {
                // The pool had no free connection within the timeout: as unavailable as a dead server.
                throw new FeatureStoreUnavailableException(settings.address(), e);
            }
            throw e;
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Runs a Lua script, guarded like {@link #call}. */
    Object run(LuaScript script, List<byte[]> keys, List<byte[]> args) {
        return call(jedis -> script.run(jedis, keys, args));
    }

    Duration ping() {
        return call(jedis -> {
            long start = System.nanoTime();
            jedis.ping();
            return Duration.ofNanos(System.nanoTime() - start);
        });
    }

    Clock clock() {
        return clock;
    }

    UnreadableValues unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
