package io.nightshift.streams.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The streams processor's link to Kafka. DOWN when Kafka Streams stopped or failed, when it has
 * been rebalancing for longer than {@link #REBALANCE_GRACE} (a routine rebalance takes seconds), or
 * when no broker answers ({@link KafkaReachability}): Kafka Streams alone stays RUNNING while every
 * broker is away. The details name states and reasons, never addresses.
 */
final class StreamsHealthIndicator implements HealthIndicator {

    static final Duration REBALANCE_GRACE = Duration.ofMinutes(2);

    private final Supplier<KafkaStreams.State> state;
    private final KafkaReachability kafka;
    private final Clock clock;
    private Instant rebalancingSince;

    StreamsHealthIndicator(Supplier<KafkaStreams.State> state, KafkaReachability kafka, Clock clock) {
        this.state = state;
        this.kafka = kafka;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        KafkaStreams.State now = state.get();
        Health.Builder health = Health.up().withDetail("state", now.name());
        if (now == KafkaStreams.State.REBALANCING) {
            rebalancingSince = rebalancingSince == null ? clock.instant() : rebalancingSince;
            if (clock.instant().isAfter(rebalancingSince.plus(REBALANCE_GRACE))) {
                health.down().withDetail("problem", "rebalancing for more than " + REBALANCE_GRACE.toMinutes() + " minutes");
            }
        } else {
            rebalancingSince = null;
            if (now != KafkaStreams.State.RUNNING) {
                health.down();
            }
        }
        KafkaReachability.Answer answer = kafka.check();
        health.withDetail("brokers", answer.reachable() ? "reachable" : "unreachable");
        if (!answer.reachable()) {
            health.down().withDetail("problem", answer.problem())
                    .withDetail("meanwhile", "shoppers are served from Redis; features catch up when Kafka is back");
        }
        return health.build();
    }
}
