package io.nightshift.laptop.heartbeat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health/kafka}: DOWN when heartbeats have not been acknowledged for three intervals. */
@Component("kafka")
class KafkaLinkHealth implements HealthIndicator {

    private final KafkaLink link;

    @Autowired
    KafkaLinkHealth(HeartbeatSender sender) {
        this(sender.link());
    }

    KafkaLinkHealth(KafkaLink link) {
        this.link = link;
    }

    @Override
    public Health health() {
        Health.Builder health = link.up() ? Health.up() : Health.down();
        link.lastAcknowledged().ifPresent(at -> health.withDetail("lastAcknowledgedHeartbeat", at.toString()));
        link.lastFailure().ifPresent(failure -> health.withDetail("lastFailure", failure));
        return health.build();
    }
}
