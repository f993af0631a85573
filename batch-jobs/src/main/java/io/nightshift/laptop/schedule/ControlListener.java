package io.nightshift.laptop.schedule;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.schemas.control.ControlEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Follows reco.control.v1: the owner's run requests and schedule changes. Requests made while
 * the laptop was away wait in Kafka and are acted on when it returns, unless they are stale
 * (older than {@code run-request-max-age}) or a run has started since they were made.
 */
@Component
class ControlListener {

    private static final Logger log = LoggerFactory.getLogger(ControlListener.class);

    private final RunLauncher launcher;
    private final NightlySchedule schedule;
    private final LaptopProperties properties;
    private final Clock clock = Clock.systemUTC();

    ControlListener(RunLauncher launcher, NightlySchedule schedule, LaptopProperties properties) {
        this.launcher = launcher;
        this.schedule = schedule;
        this.properties = properties;
    }

    @KafkaListener(id = "laptop-control", idIsGroup = false, topics = "reco.control.v1", containerFactory = "controlListenerFactory")
    void on(ControlEvent event) {
        switch (event.type()) {
            case RUN_REQUESTED -> runRequested(event);
            case SCHEDULE_CHANGED -> schedule.change(event.schedule(), event.occurredAt());
            default -> {
                // Progress, versions and kill switches are for the cloud and the owner.
            }
        }
    }

    private void runRequested(ControlEvent event) {
        String runId = event.run().runId();
        Instant requestedAt = event.occurredAt();
        if (requestedAt.plus(properties.runRequestMaxAge()).isBefore(clock.instant())) {
            log.info("ignoring run request {} from {}: older than {}", runId, requestedAt, properties.runRequestMaxAge());
            return;
        }
        if (launcher.lastRunStartedAt().filter(started -> started.isAfter(requestedAt)).isPresent()) {
            log.info("ignoring run request {} from {}: a run has started since", runId, requestedAt);
            return;
        }
        launcher.launch(runId, event.actor() + " request");
    }
}
