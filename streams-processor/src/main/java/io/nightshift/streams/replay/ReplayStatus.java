package io.nightshift.streams.replay;

import java.time.Instant;
import java.util.Map;

/**
 * Where a replay is, as {@code GET /api/v1/admin/replay} answers.
 *
 * @param state       {@code idle} (none since this process started), {@code resetting}, {@code replaying}
 *                    (reading the topics again), {@code caught-up} or {@code failed}
 * @param generation  the generation the projections are at
 * @param lag         records not yet read, per consumer group (the features app and the event-log sink)
 * @param error       what failed, when {@code failed}
 */
public record ReplayStatus(String state, int generation, Instant startedAt, Instant caughtUpAt, Map<String, Long> lag,
                           String error) {
}
