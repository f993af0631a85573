package io.nightshift.onlineapi.system;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreUnavailableException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports Redis and the spool as details but stays UP while Redis is away: the API still answers
 * (last-known-good), and a supervisor restarting it would only lose that in-memory copy.
 */
@Component("serving")
class ServingHealth implements HealthIndicator {

    private final FeatureStore store;
    private final Spool spool;

    ServingHealth(FeatureStore store, Spool spool) {
        this.store = store;
        this.spool = spool;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        try {
            health.withDetail("redis", "reachable in " + store.ping().toMillis() + " ms");
        } catch (FeatureStoreUnavailableException e) {
            health.withDetail("redis", "unreachable: answering from last-known-good (" + e.getMessage() + ")");
        }
        return health.withDetail("spoolBytes", spool.bytes()).build();
    }
}
