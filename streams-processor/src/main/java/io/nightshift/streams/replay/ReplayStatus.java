package io.nightshift.streams.replay;

import io.nightshift.schemas.control.ReplayState;

import java.time.Instant;
import java.util.Map;

/**
 * Where a replay is, as {@code GET /api/v1/admin/replay} answers.
 *
 * @param state       where the replay is; {@link ReplayState#IDLE} when none ran since this process started
 * @param generation  the generation the projections are at
 * @param lag         records not yet read, per consumer group (the features app and the event-log sink)
 * @param error       what failed, when {@code failed}
 */
public record ReplayStatus(ReplayState state, int generation, Instant startedAt, Instant caughtUpAt, Map<String, Long> lag,
                           String error) {
}
