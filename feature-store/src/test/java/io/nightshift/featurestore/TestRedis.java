package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import redis.clients.jedis.Jedis;

import java.time.Clock;
import java.time.Duration;

/**
 * The real Redis a test runs against (from infra/local's JUnit extension), wiped before each
 * test: the store under test, and a raw connection to look behind its back (TTLs, SCAN, INFO).
 */
record TestRedis(String host, int port) {

    /** Generous timeout: the machine is shared, and these tests are about behaviour, not latency. */
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(2);

    static TestRedis of(RedisEndpoint endpoint) {
        return new TestRedis(endpoint.host(), endpoint.port());
    }

    FeatureStoreSettings settings() {
        return FeatureStoreSettings.of(host, port).withTimeout(TEST_TIMEOUT);
    }

    FeatureStore store() {
        return FeatureStore.connect(settings());
    }

    FeatureStore store(Clock clock) {
        return new FeatureStore(settings(), null, clock);
    }

    Jedis raw() {
        return new Jedis(host, port, (int) TEST_TIMEOUT.toMillis());
    }

    TestRedis wiped() {
        try (Jedis jedis = raw()) {
            jedis.flushAll();
            jedis.scriptFlush();
        }
        return this;
    }
}
