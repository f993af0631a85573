package io.nightshift.laptop.heartbeat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaLinkTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T12:00:00Z"));
    private final InstantSource clock = now::get;

    private void advance(Duration by) {
        now.set(now.get().plus(by));
    }

    @Test
    @DisplayName("the link is up while heartbeats are acknowledged and down three intervals after the last one")
    void downAfterThreeUnacknowledgedIntervals() {
        KafkaLink link = new KafkaLink(clock, Duration.ofSeconds(5));
        assertThat(link.up()).as("just started").isTrue();
        link.acknowledged();
        advance(Duration.ofSeconds(15));
        link.failed(new IllegalStateException("broker unreachable"));
        assertThat(link.up()).isTrue();
        advance(Duration.ofSeconds(1));
        assertThat(link.up()).isFalse();
        assertThat(link.lastFailure()).hasValue("IllegalStateException: broker unreachable");
        assertThat(new KafkaLinkHealth(link).health().getStatus()).isEqualTo(Status.DOWN);

        link.acknowledged();
        assertThat(link.up()).isTrue();
        assertThat(link.lastFailure()).isEmpty();
    }

    @Test
    @DisplayName("a laptop that never reached Kafka is down once the first heartbeats had their time")
    void neverReached() {
        KafkaLink link = new KafkaLink(clock, Duration.ofSeconds(5));
        advance(Duration.ofSeconds(16));
        assertThat(link.up()).isFalse();
        assertThat(link.lastAcknowledged()).isEmpty();
    }
}
