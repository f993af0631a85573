package io.nightshift.onlineapi.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.schemas.heartbeat.Heartbeat;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The laptop's state, derived from its heartbeats on {@code laptop.heartbeat.v1}. Each instance
 * replays the topic (kept a day) at start, so a restarted API knows the laptop at once. The
 * heartbeat's own {@code sentAt} counts, not the time we read it: a replayed old heartbeat must
 * not make a gone laptop look online. A clock ahead of ours is capped at now.
 */
@Component
class LaptopWatch {

    /**
     * What the console shows. When the laptop is offline, the other fields are what its last heartbeat said
     * (the last known job among them).
     *
     * @param etaSeconds   time left for the running job at its average pace so far; null until two heartbeats
     *                     with progress for it were seen
     * @param runningStep  the running job's latest report on the control topic (step, items, why deferred), or null
     */
    record LaptopStatus(String laptopId, String status, Instant lastSeen, Long secondsSinceLastSeen, String state, String power,
                        Double temperatureC, String device, String runningJob, Double progress, Long freshLag, Long etaSeconds,
                        RunBoard.Run runningStep) {

        LaptopStatus withRunningStep(RunBoard.Run run) {
            return new LaptopStatus(laptopId, status, lastSeen, secondsSinceLastSeen, state, power, temperatureC, device, runningJob,
                    progress, freshLag, etaSeconds, run);
        }
    }

    private static final int PACES_KEPT = 8;

    private final AdminProperties properties;
    private final Clock clock;
    private volatile Heartbeat latest;
    /** The paces of the last few jobs heartbeats named, oldest first: bounded, and kept apart so another report cannot reset one. */
    private final Map<String, ProgressPace> paces = new LinkedHashMap<>();
    /** Null in unit tests without a registry. */
    private final LaptopGauges gauges;

    @Autowired
    LaptopWatch(AdminProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.gauges = LaptopGauges.register(meters, this::status);
    }

    LaptopWatch(AdminProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.gauges = null;
    }

    @KafkaListener(id = "online-api-laptop-view", idIsGroup = false, topics = "laptop.heartbeat.v1", containerFactory = "heartbeatListenerFactory",
            autoStartup = "${nightshift.views.enabled:true}")
    synchronized void on(Heartbeat heartbeat) {
        if (heartbeat == null) {
            return;
        }
        paced(heartbeat);
        Heartbeat current = latest;
        if (current == null || !heartbeat.sentAt().isBefore(current.sentAt())) {
            latest = heartbeat;
            if (gauges != null) {
                gauges.identified(heartbeat);
            }
        }
    }

    /** Every report counts for its job's pace, also one older than the latest heartbeat (read late, or from a replay). */
    private void paced(Heartbeat beat) {
        if (beat.runningJob() == null || beat.progress() == null || !Double.isFinite(beat.progress())) {
            return;
        }
        ProgressPace pace = paces.remove(beat.runningJob());
        paces.put(beat.runningJob(), ProgressPace.next(pace, beat.progress(), beat.sentAt()));
        while (paces.size() > PACES_KEPT) {
            paces.remove(paces.keySet().iterator().next());
        }
    }

    private synchronized Long eta(String job) {
        ProgressPace pace = job == null ? null : paces.get(job);
        return pace == null ? null : pace.etaSeconds();
    }

    LaptopStatus status() {
        Heartbeat beat = latest;
        Instant now = clock.instant();
        if (beat == null) {
            return new LaptopStatus(null, "offline", null, null, null, null, null, null, null, null, null, null, null);
        }
        Instant seen = beat.sentAt().isAfter(now) ? now : beat.sentAt();
        Duration silence = Duration.between(seen, now);
        String status = silence.compareTo(properties.laptopOffline()) >= 0 ? "offline"
                : silence.compareTo(properties.laptopLate()) >= 0 ? "late" : "online";
        Long eta = eta(beat.runningJob());
        return new LaptopStatus(beat.laptopId(), status, seen, silence.toSeconds(), beat.state(), beat.power(), beat.temperatureC(),
                beat.device(), beat.runningJob(), beat.progress(), beat.freshLag(), eta, null);
    }
}
