package io.nightshift.laptop.heartbeat;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.conditions.LaptopConditions;
import io.nightshift.laptop.models.Device;
import io.nightshift.laptop.run.HeavyWork;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.laptop.run.RunReporter;
import io.nightshift.laptop.run.RunSnapshot;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says the laptop is alive every {@code heartbeat-interval}, keyed by laptop id. The cloud
 * derives online/late/offline from when the last one arrived, so a laptop that sleeps or loses
 * its network simply stops sending; nothing here waits for Kafka.
 */
@Component
class HeartbeatSender implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

    private final LaptopProperties properties;
    private final KafkaTemplate<String, Object> kafka;
    private final RunLauncher launcher;
    private final RunReporter runs;
    private final LaptopConditions conditions;
    private final HeavyWork heavyWork;
    private final FreshLag freshLag;
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean kafkaReachable = new AtomicBoolean(true);
    private final KafkaLink link;

    HeartbeatSender(LaptopProperties properties, KafkaTemplate<String, Object> laptopKafkaTemplate, RunLauncher launcher,
                    RunReporter runs, FreshLag freshLag, LaptopConditions conditions, HeavyWork heavyWork) {
        this.properties = properties;
        this.kafka = laptopKafkaTemplate;
        this.launcher = launcher;
        this.runs = runs;
        this.conditions = conditions;
        this.heavyWork = heavyWork;
        this.freshLag = freshLag;
        this.link = new KafkaLink(clock, properties.heartbeatInterval());
    }

    KafkaLink link() {
        return link;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedRateTask(this::beat, properties.heartbeatInterval());
    }

    Heartbeat current() {
        Optional<String> running = launcher.runningRunId();
        Optional<RunSnapshot> run = runs.current().filter(snapshot -> running.filter(snapshot.runId()::equals).isPresent());
        return new Heartbeat(properties.id(), Heartbeat.SCHEMA_VERSION, clock.instant(),
                running.isEmpty() ? "idle" : heavyWork.deferredBecause().isPresent() ? "deferred" : "running",
                conditions.power(),
                conditions.hottest().orElse(null),
                Device.NAME,
                running.orElse(null),
                run.map(RunSnapshot::overallProgress).orElse(running.isPresent() ? 0.0 : null),
                freshLag.waiting().orElse(null));
    }

    void beat() {
        try {
            kafka.send(Topics.LAPTOP_HEARTBEAT.name(), properties.id(), current())
                    .whenComplete((result, failure) -> reachable(failure));
        } catch (RuntimeException e) {
            reachable(e);
        }
    }

    /**
     * Kafka's own clients log every failed connection; this says once, in words, what being
     * offline means, and once when it is over.
     */
    private void reachable(Throwable failure) {
        boolean nowReachable = failure == null;
        if (nowReachable) {
            link.acknowledged();
        } else {
            link.failed(failure);
        }
        if (kafkaReachable.getAndSet(nowReachable) == nowReachable) {
            return;
        }
        if (nowReachable) {
            log.info("Kafka answers again: heartbeats, fresh requests and control events flow; runs can publish");
        } else {
            log.warn("Kafka does not answer ({}): the cloud will see this laptop as late, then offline, and keep serving "
                    + "from its caches; fresh requests wait in Kafka until the laptop is back", failure.toString());
        }
    }
}
