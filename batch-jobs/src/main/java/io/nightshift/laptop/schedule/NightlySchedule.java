package io.nightshift.laptop.schedule;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.schemas.control.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Runs nightlyJob when the owner's cron says so. The check runs at start and then every few
 * seconds, and compares the cron's fire times with the last one handled: a run missed while
 * the laptop was off or asleep runs as soon as it is back, and several missed runs make one.
 */
@Component
class NightlySchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(NightlySchedule.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Enough to walk a per-minute cron over two months of absence without looping for ever on a per-second one. */
    private static final int MAX_MISSED_STEPS = 100_000;

    private final ScheduleStore store;
    private final RunLauncher launcher;
    private final LaptopProperties properties;
    private final Clock clock;

    NightlySchedule(ScheduleStore store, RunLauncher launcher, LaptopProperties properties) {
        this.store = store;
        this.launcher = launcher;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::runIfDue, properties.scheduleCheck());
    }

    /** Validates before storing, so a schedule that cannot fire is refused when it arrives, not every check. */
    void change(Schedule schedule, Instant changedAt) {
        CronExpression.parse(schedule.cron());
        ZoneId.of(schedule.timeZone());
        if (store.current().filter(stored -> !stored.changedAt().isBefore(changedAt)).isPresent()) {
            return; // a replayed or older change: the stored schedule (and what it has fired) stays
        }
        store.change(schedule, changedAt);
        log.info("schedule is now '{}' in {}", schedule.cron(), schedule.timeZone());
    }

    void runIfDue() {
        try {
            store.current().flatMap(stored -> dueFireTime(stored, clock.instant())).ifPresent(due -> {
                store.markFired(due);
                String runId = "scheduled-" + RUN_ID_TIME.format(due);
                log.info("scheduled run {} is due", runId);
                launcher.launch(runId, "schedule");
            });
        } catch (RuntimeException e) {
            log.warn("could not check the schedule: {}", e.getMessage());
        }
    }

    /** The latest fire time not after now that has not been handled yet. */
    static Optional<Instant> dueFireTime(ScheduleStore.StoredSchedule stored, Instant now) {
        CronExpression cron = CronExpression.parse(stored.schedule().cron());
        ZoneId zone = ZoneId.of(stored.schedule().timeZone());
        ZonedDateTime next = cron.next(stored.handledUpTo().atZone(zone));
        if (next == null || next.toInstant().isAfter(now)) {
            return Optional.empty();
        }
        ZonedDateTime due = next;
        for (int i = 0; i < MAX_MISSED_STEPS; i++) {
            ZonedDateTime after = cron.next(due);
            if (after == null || after.toInstant().isAfter(now)) {
                break;
            }
            due = after;
        }
        return Optional.of(due.toInstant());
    }
}
