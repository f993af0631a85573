package io.nightshift.laptop.schedule;

import io.nightshift.schemas.control.Schedule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The owner's schedule, kept in the local store so it survives restarts (and replays from reco.control.v1 when lost). */
@Repository
class ScheduleStore {

    /**
     * @param schedule  the cron and time zone
     * @param changedAt when the owner set it: no run is due for fire times before it
     * @param lastFire  the last fire time handled, or {@code null}
     */
    record StoredSchedule(Schedule schedule, Instant changedAt, Instant lastFire) {

        Instant handledUpTo() {
            return lastFire != null ? lastFire : changedAt;
        }
    }

    private final JdbcClient jdbc;

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void change(Schedule schedule, Instant changedAt) {
        jdbc.sql("MERGE INTO schedule (id, cron, time_zone, changed_at, last_fire) KEY (id) VALUES (1, ?, ?, ?, NULL)")
                .params(schedule.cron(), schedule.timeZone(), Timestamp.from(changedAt))
                .update();
    }

    Optional<StoredSchedule> current() {
        return jdbc.sql("SELECT cron, time_zone, changed_at, last_fire FROM schedule WHERE id = 1")
                .query((rs, row) -> {
                    Timestamp lastFire = rs.getTimestamp(4);
                    return new StoredSchedule(new Schedule(rs.getString(1), rs.getString(2)), rs.getTimestamp(3).toInstant(),
                            lastFire == null ? null : lastFire.toInstant());
                })
                .optional();
    }

    void markFired(Instant fireTime) {
        jdbc.sql("UPDATE schedule SET last_fire = ? WHERE id = 1").param(Timestamp.from(fireTime)).update();
    }
}
