package io.nightshift.onlineapi.admin;

import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Schedule;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The nightly schedule as the control topic last said it. The laptop keeps the schedule in its own
 * database, out of the cloud's reach, so the cloud's view is the newest {@code schedule_changed}
 * on {@code reco.control.v1}, replayed at start; what the laptop does with it is its own business
 * while it is away. Its own consumer group: sharing the run board's would split the topic between them.
 */
@Component
class ScheduleBoard {

    /**
     * What the console shows.
     *
     * @param nextRunLocal the next fire time in the schedule's own zone, as the owner reads a clock there
     */
    record Current(String cron, String timeZone, Instant changedAt, Instant nextRun, String nextRunLocal) {

        static final Current NONE = new Current(null, null, null, null, null);
    }

    private record Changed(Schedule schedule, Instant at) {
    }

    private Changed latest;

    @KafkaListener(id = "online-api-schedule-view", idIsGroup = false, topics = "reco.control.v1", containerFactory = "controlListenerFactory",
            groupId = "online-api-view-schedule-#{T(java.util.UUID).randomUUID()}", autoStartup = "${nightshift.views.enabled:true}")
    void on(ControlEvent event) {
        if (event != null && event.type() == ControlType.SCHEDULE_CHANGED && event.schedule() != null) {
            changed(event.schedule(), event.occurredAt());
        }
    }

    /** The newest change wins, as on the laptop: a replayed old event must not undo a later one. */
    synchronized void changed(Schedule schedule, Instant at) {
        if (latest == null || !at.isBefore(latest.at())) {
            latest = new Changed(schedule, at);
        }
    }

    synchronized Current current(Instant now) {
        if (latest == null) {
            return Current.NONE;
        }
        Schedule schedule = latest.schedule();
        ZonedDateTime next = next(schedule, now);
        return new Current(schedule.cron(), schedule.timeZone(), latest.at(), next == null ? null : next.toInstant(),
                next == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(next));
    }

    /** Null when the topic holds a schedule this API cannot read (written by something other than the admin API). */
    private static ZonedDateTime next(Schedule schedule, Instant now) {
        try {
            return CronExpression.parse(schedule.cron()).next(now.atZone(ZoneId.of(schedule.timeZone())));
        } catch (IllegalArgumentException | DateTimeException | NullPointerException e) {
            return null;
        }
    }
}
