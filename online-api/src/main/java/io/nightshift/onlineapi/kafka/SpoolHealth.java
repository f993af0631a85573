package io.nightshift.onlineapi.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The spool's fill level. UP even when records wait or the spool is full: serving does not need
 * Kafka, and taking the instance out of rotation would stop shoppers' answers too. A full spool
 * shows as 503 with Retry-After on the intake endpoints, not here.
 */
@Component("spoolHealthIndicator")
class SpoolHealth implements HealthIndicator {

    private final Spool spool;
    private final SpoolProperties properties;

    SpoolHealth(Spool spool, SpoolProperties properties) {
        this.spool = spool;
        this.properties = properties;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("enabled", properties.enabled())
                .withDetail("bytes", spool.bytes())
                .withDetail("maxBytes", properties.maxSize().toBytes())
                .withDetail("records", spool.records())
                .build();
    }
}
