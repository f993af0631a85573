package io.nightshift.onlineapi.redis;

import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.featurestore.RedisAccess;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the feature store's Redis is and how to log in. The timeout is short on purpose: a shopper
 * falls back to the last-known-good tier within that time when Redis is away. The login names are
 * the same in every app (see {@link RedisAccess}); the demo uses none.
 */
@ConfigurationProperties("nightshift.redis")
record RedisProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("6379") int port,
        @DefaultValue("200ms") Duration timeout,
        @DefaultValue("64") int poolSize,
        String username,
        String password,
        @DefaultValue("false") boolean tls,
        @DefaultValue("0") int database,
        Path trustStore,
        String trustStorePassword) {

    FeatureStoreSettings settings() {
        // FeatureStoreSettings and RedisAccess validate every value: a bad one fails startup with its message.
        return new FeatureStoreSettings(host, port, timeout, poolSize,
                new RedisAccess(username, password, database, tls, trustStore, trustStorePassword));
    }

    @Override
    public String toString() {
        // Passwords stay out of logs; describe validates nothing, so printing never fails.
        return "RedisProperties[" + host + ":" + port + ", " + RedisAccess.describe(username, password, database, tls, trustStore) + "]";
    }
}
