package io.nightshift.onlineapi.redis;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreUnavailableException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports Redis reachability as a detail but stays UP while Redis is away: the API still answers
 * (last-known-good), and a supervisor restarting it would only lose that in-memory copy.
 */
@Component("featureStoreHealthIndicator")
class FeatureStoreHealth implements HealthIndicator {

    private final FeatureStore store;
    private final RedisProperties redis;

    FeatureStoreHealth(FeatureStore store, RedisProperties redis) {
        this.store = store;
        this.redis = redis;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("address", redis.host() + ":" + redis.port());
        try {
            return health.withDetail("redis", "reachable in " + store.ping().toMillis() + " ms").build();
        } catch (FeatureStoreUnavailableException e) {
            return health.withDetail("redis", "unreachable: answering from last-known-good (" + e.getMessage() + ")").build();
        }
    }
}
