package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A replay of the cloud's projections, as the owner asks for it ({@link ControlType#REPLAY_REQUESTED},
 * state {@link ReplayState#REQUESTED}) and the streams processor reports it
 * ({@link ControlType#REPLAY_PROGRESS}). Every report of one replay carries the request's id, so a
 * reader of {@code reco.control.v1} (kept for ever, read again from its start) can tell a request
 * already handled from one still waiting.
 *
 * @param replayId   the request's id, chosen by the owner or the admin API, e.g. {@code replay-20261124-031500-000}
 * @param state      where the replay is; {@link ReplayState#isFinal()} once it has ended. Never {@link ReplayState#IDLE}
 * @param generation the generation the projections read the topics as; absent in a request (the processor picks it)
 * @param lag        records not yet read, per consumer group (the features app and the event-log sink); empty when
 *                   not measured
 * @param detail     a short human sentence: the owner's note in a request, what failed in a {@code failed} report
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayProgress(String replayId, ReplayState state, Integer generation,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> lag, String detail) {

    public ReplayProgress {
        // Insertion order kept: the lag reads features first, then the event log.
        lag = lag == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(lag));
    }

    /** The owner's request: no generation and no lag yet. */
    public static ReplayProgress requested(String replayId, String detail) {
        return new ReplayProgress(replayId, ReplayState.REQUESTED, null, Map.of(), detail);
    }
}
