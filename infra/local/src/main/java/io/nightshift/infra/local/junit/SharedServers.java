package io.nightshift.infra.local.junit;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.PostgresEndpoint;
import io.nightshift.infra.local.RedisEndpoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The test servers of one JVM: each started on first demand and stopped when the JVM exits.
 * Held here rather than in one test engine's store so that every test of the JVM, whichever
 * engine runs it, shares one Kafka, one Redis and one PostgreSQL instead of starting its own;
 * {@link RealServers} tests get them as parameters, other code through the accessors.
 */
public final class SharedServers {

    private static final Map<Class<?>, Function<ServerSource, Running<?>>> STARTERS = Map.of(
            KafkaEndpoint.class, ServerSource::kafka,
            RedisEndpoint.class, ServerSource::redis,
            PostgresEndpoint.class, ServerSource::postgres);

    private static final Map<Class<?>, Running<?>> RUNNING = new ConcurrentHashMap<>();
    private static volatile ServerSource source;

    private SharedServers() {
    }

    public static KafkaEndpoint kafka() {
        return KafkaEndpoint.class.cast(endpoint(KafkaEndpoint.class));
    }

    public static RedisEndpoint redis() {
        return RedisEndpoint.class.cast(endpoint(RedisEndpoint.class));
    }

    public static PostgresEndpoint postgres() {
        return PostgresEndpoint.class.cast(endpoint(PostgresEndpoint.class));
    }

    static boolean serves(Class<?> type) {
        return STARTERS.containsKey(type);
    }

    static synchronized Object endpoint(Class<?> type) {
        Running<?> running = RUNNING.get(type);
        if (running == null) {
            running = STARTERS.get(type).apply(source());
            RUNNING.put(type, running);
            Running<?> started = running;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "stop-test-" + type.getSimpleName()));
        }
        return running.endpoint();
    }

    static String describeSource() {
        return source().describe();
    }

    private static ServerSource source() {
        if (source == null) {
            source = ServerSource.detect();
        }
        return source;
    }

    private static void closeQuietly(Running<?> running) {
        try {
            running.close();
        } catch (Exception e) {
            // The JVM is exiting; a server that does not stop cleanly dies with it.
        }
    }
}
