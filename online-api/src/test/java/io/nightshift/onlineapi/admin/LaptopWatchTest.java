package io.nightshift.onlineapi.admin;

import io.nightshift.schemas.heartbeat.Heartbeat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LaptopWatchTest {

    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    private final AdminProperties properties = new AdminProperties("t", Duration.ofSeconds(15), Duration.ofSeconds(60), 100, null, false);
    private final LaptopWatch watch = new LaptopWatch(properties, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Heartbeat beat(Duration ago) {
        return new Heartbeat("laptop-1", 1, NOW.minus(ago), "idle", "battery", null, "cpu()", null, null, 0L);
    }

    @Test
    @DisplayName("never heard of: offline")
    void neverSeen() {
        assertThat(watch.status().status()).isEqualTo("offline");
    }

    @Test
    @DisplayName("online, then late after 15 s of silence, then offline after 60 s")
    void thresholds() {
        watch.on(beat(Duration.ofSeconds(75)));
        assertThat(watch.status().status()).isEqualTo("offline");
        watch.on(beat(Duration.ofSeconds(20)));
        assertThat(watch.status().status()).isEqualTo("late");
        watch.on(beat(Duration.ofSeconds(2)));
        assertThat(watch.status().status()).isEqualTo("online");
        assertThat(watch.status().power()).isEqualTo("battery");
    }

    @Test
    @DisplayName("a replayed older heartbeat does not bring back an older state")
    void olderHeartbeatIgnored() {
        watch.on(beat(Duration.ofSeconds(2)));
        watch.on(beat(Duration.ofSeconds(90)));
        assertThat(watch.status().status()).isEqualTo("online");
    }
}
