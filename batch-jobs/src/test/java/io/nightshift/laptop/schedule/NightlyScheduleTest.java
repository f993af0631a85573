package io.nightshift.laptop.schedule;

import io.nightshift.schemas.control.Schedule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NightlyScheduleTest {

    private static final Schedule THREE_AM_AMSTERDAM = new Schedule("0 0 3 * * *", "Europe/Amsterdam");
    private static final Instant SET_AT = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    @DisplayName("nothing is due before the first fire time after the schedule was set")
    void notYet() {
        var stored = new ScheduleStore.StoredSchedule(THREE_AM_AMSTERDAM, SET_AT, null);

        assertThat(NightlySchedule.dueFireTime(stored, Instant.parse("2026-11-25T01:59:59Z"))).isEmpty();
    }

    @Test
    @DisplayName("the fire time is due once passed, in the schedule's time zone")
    void due() {
        var stored = new ScheduleStore.StoredSchedule(THREE_AM_AMSTERDAM, SET_AT, null);

        assertThat(NightlySchedule.dueFireTime(stored, Instant.parse("2026-11-25T02:30:00Z")))
                .contains(Instant.parse("2026-11-25T02:00:00Z"));
    }

    @Test
    @DisplayName("nights missed while the laptop was off make one run, for the latest of them")
    void missedRunsCollapse() {
        var stored = new ScheduleStore.StoredSchedule(THREE_AM_AMSTERDAM, SET_AT, Instant.parse("2026-11-25T02:00:00Z"));

        assertThat(NightlySchedule.dueFireTime(stored, Instant.parse("2026-11-28T10:00:00Z")))
                .contains(Instant.parse("2026-11-28T02:00:00Z"));
    }

    @Test
    @DisplayName("a fire time already handled is not due again")
    void handled() {
        var stored = new ScheduleStore.StoredSchedule(THREE_AM_AMSTERDAM, SET_AT, Instant.parse("2026-11-28T02:00:00Z"));

        assertThat(NightlySchedule.dueFireTime(stored, Instant.parse("2026-11-28T10:00:00Z"))).isEmpty();
    }
}
