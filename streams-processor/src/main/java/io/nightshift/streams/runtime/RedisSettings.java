package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.featurestore.RedisAccess;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where Redis is and how to log in ({@code nightshift.redis.*}, the same names as the API's). The
 * timeout is longer than the API's: this app writes, and a slow answer is better than failing the
 * stream task.
 */
@ConfigurationProperties("nightshift.redis")
public record RedisSettings(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("6379") int port,
        @DefaultValue("2s") Duration timeout,
        @DefaultValue("8") int poolSize,
        String username,
        String password,
        @DefaultValue("false") boolean tls,
        @DefaultValue("0") int database,
        Path trustStore,
        String trustStorePassword) {

    /** The feature store's settings; fails with a message naming the setting when a value makes no sense. */
    public FeatureStoreSettings featureStore() {
        return new FeatureStoreSettings(host, port, timeout, poolSize,
                new RedisAccess(username, password, database, tls, trustStore, trustStorePassword));
    }

    @Override
    public String toString() {
        // Passwords stay out of logs; describe validates nothing, so printing never fails.
        return "RedisSettings[" + host + ":" + port + ", " + RedisAccess.describe(username, password, database, tls, trustStore) + "]";
    }
}
