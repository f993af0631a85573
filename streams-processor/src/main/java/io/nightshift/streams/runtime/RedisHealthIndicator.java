package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The streams processor's link to Redis, where it writes every feature: one PING. DOWN while Redis
 * does not answer (the stream threads wait and retry meanwhile, and events wait in Kafka).
 */
final class RedisHealthIndicator implements HealthIndicator {

    private final FeatureStore store;

    RedisHealthIndicator(FeatureStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetail("roundTripMillis", store.ping().toMillis()).build();
        } catch (RuntimeException e) {
            // The exception's class only: messages carry the server's address.
            return Health.down().withDetail("problem", "Redis does not answer (" + e.getClass().getSimpleName() + ")")
                    .withDetail("meanwhile", "feature writes wait and are retried; events wait in Kafka").build();
        }
    }
}
