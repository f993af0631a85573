package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * An instruction or a report between the owner, the cloud and the laptop on {@code reco.control.v1}
 * (one partition, so every reader sees them in one order). Exactly the payload field that
 * {@link ControlType} names is present.
 *
 * @param eventId       unique id, the idempotency key
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param type          what it says
 * @param actor         who said it: {@code owner}, {@code laptop} or {@code cloud}
 * @param occurredAt    when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlEvent(
        UUID eventId,
        int schemaVersion,
        ControlType type,
        String actor,
        Instant occurredAt,
        Schedule schedule,
        RunProgress run,
        VersionInfo version,
        KillSwitch killSwitch,
        ReplayProgress replay) {

    public static final int SCHEMA_VERSION = 1;

    public static ControlEvent scheduleChanged(String actor, Schedule schedule, Instant at) {
        return new ControlEvent(UUID.randomUUID(), SCHEMA_VERSION, ControlType.SCHEDULE_CHANGED, actor, at, schedule, null, null, null, null);
    }

    public static ControlEvent run(ControlType type, String actor, RunProgress run, Instant at) {
        return new ControlEvent(UUID.randomUUID(), SCHEMA_VERSION, type, actor, at, null, run, null, null, null);
    }

    public static ControlEvent version(ControlType type, String actor, VersionInfo version, Instant at) {
        return new ControlEvent(UUID.randomUUID(), SCHEMA_VERSION, type, actor, at, null, null, version, null, null);
    }

    public static ControlEvent killSwitch(String actor, KillSwitch killSwitch, Instant at) {
        return new ControlEvent(UUID.randomUUID(), SCHEMA_VERSION, ControlType.KILL_SWITCH_CHANGED, actor, at, null, null, null, killSwitch, null);
    }

    /** A replay request ({@link ControlType#REPLAY_REQUESTED}) or report ({@link ControlType#REPLAY_PROGRESS}). */
    public static ControlEvent replay(ControlType type, String actor, ReplayProgress replay, Instant at) {
        return new ControlEvent(UUID.randomUUID(), SCHEMA_VERSION, type, actor, at, null, null, null, null, replay);
    }
}
