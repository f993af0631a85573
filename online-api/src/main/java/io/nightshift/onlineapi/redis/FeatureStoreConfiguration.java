package io.nightshift.onlineapi.redis;

import io.nightshift.featurestore.FeatureStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FeatureStoreConfiguration {

    /** Does not connect yet, so the API starts (and serves last-known-good) while Redis is down. */
    @Bean(destroyMethod = "close")
    FeatureStore featureStore(RedisProperties redis) {
        return FeatureStore.connect(redis.settings());
    }
}
