package io.nightshift.onlineapi.redis;

import io.nightshift.featurestore.FeatureStoreSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the feature store's Redis is. The timeout is short on purpose: a shopper falls back to
 * the last-known-good tier within that time when Redis is away.
 */
@ConfigurationProperties("nightshift.redis")
record RedisProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("6379") int port,
        @DefaultValue("200ms") Duration timeout,
        @DefaultValue("64") int poolSize) {

    FeatureStoreSettings settings() {
        // FeatureStoreSettings validates host, port, timeout and pool size: a bad value fails startup with its message.
        return new FeatureStoreSettings(host, port, timeout, poolSize);
    }
}
