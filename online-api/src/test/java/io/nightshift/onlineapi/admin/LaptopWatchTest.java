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

    private static Heartbeat running(String job, double progress, Duration ago) {
        return new Heartbeat("laptop-1", 1, NOW.minus(ago), "running", "ac", 61.5, "gpu(0)", job, progress, 3L);
    }

    @Test
    @DisplayName("the ETA is unknown after one progress report, then follows the average pace; a new job starts over")
    void etaFromPace() {
        watch.on(running("run-1", 0.10, Duration.ofSeconds(100)));
        assertThat(watch.status().etaSeconds()).isNull();
        watch.on(running("run-1", 0.30, Duration.ofSeconds(50)));
        // 0.2 in 50 s: the 0.7 left takes 175 s
        assertThat(watch.status().etaSeconds()).isEqualTo(175L);
        watch.on(running("run-1", 0.50, Duration.ofSeconds(10)));
        // 0.4 in 90 s: the 0.5 left takes 112.5 s
        assertThat(watch.status().etaSeconds()).isEqualTo(113L);
        watch.on(running("run-2", 0.05, Duration.ofSeconds(5)));
        assertThat(watch.status().etaSeconds()).isNull();
        assertThat(watch.status().runningJob()).isEqualTo("run-2");
    }

    @Test
    @DisplayName("a job's report read after a newer heartbeat (another laptop's, or out of order) still counts for its pace")
    void paceFromEveryReport() {
        watch.on(running("run-3", 0.30, Duration.ofSeconds(5)));
        watch.on(new Heartbeat("laptop-2", 1, NOW.minusSeconds(3), "idle", "ac", null, "cpu()", null, null, 0L));
        watch.on(running("run-3", 0.10, Duration.ofSeconds(45)));
        assertThat(watch.status().laptopId()).isEqualTo("laptop-2");
        watch.on(running("run-3", 0.50, Duration.ofSeconds(1)));
        // 0.4 in 44 s: the 0.5 left takes 55 s
        assertThat(watch.status().etaSeconds()).isEqualTo(55L);
    }

    @Test
    @DisplayName("a vanished laptop is offline with its last known job and no ETA promise beyond what it reported")
    void vanishedKeepsLastJob() {
        watch.on(running("run-9", 0.2, Duration.ofMinutes(10)));
        watch.on(running("run-9", 0.4, Duration.ofMinutes(9)));
        var status = watch.status();
        assertThat(status.status()).isEqualTo("offline");
        assertThat(status.runningJob()).isEqualTo("run-9");
        assertThat(status.progress()).isEqualTo(0.4);
        assertThat(status.secondsSinceLastSeen()).isEqualTo(540L);
    }
}
