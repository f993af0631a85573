package io.nightshift.onlineapi.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.ReplayProgress;
import io.nightshift.schemas.control.ReplayState;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/**
 * The owner's newest replay as the control topic tells it: requested through the admin API, then
 * reported by the streams processor (resetting, replaying with the lag, caught-up or failed). Each
 * instance replays {@code reco.control.v1} at start and keeps the newest replay in memory. A
 * replay requested while no streams processor runs stays {@code requested} until one picks it up.
 */
@Component
class ReplayBoard {

    /**
     * A replay's latest known state; {@code idle} with nothing else when none was ever asked for.
     *
     * @param detail     the owner's note while requested; what failed once failed
     * @param startedAt  when the streams processor began the reset
     * @param caughtUpAt when the new generation had read every topic to its end
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Replay(String replayId, ReplayState state, Integer generation, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> lag,
                  String detail,
                  Instant requestedAt, Instant startedAt, Instant caughtUpAt, Instant updatedAt) {
    }

    private static final Replay NONE = new Replay(null, ReplayState.IDLE, null, Map.of(), null, null, null, null, null);

    private Replay latest = NONE;

    /**
     * A group of its own: the control factory's group is the run board's, and on a one-partition
     * topic two listeners in one group would split it, leaving one of them nothing to read.
     */
    @KafkaListener(id = "online-api-replay-view", idIsGroup = false, topics = "reco.control.v1", containerFactory = "controlListenerFactory",
            groupId = "online-api-view-replay-#{T(java.util.UUID).randomUUID()}", autoStartup = "${nightshift.views.enabled:true}")
    void on(ControlEvent event) {
        if (event == null || event.replay() == null) {
            return;
        }
        if (event.type() == ControlType.REPLAY_REQUESTED) {
            requested(event.replay(), event.occurredAt());
        } else if (event.type() == ControlType.REPLAY_PROGRESS) {
            reported(event.replay(), event.occurredAt());
        }
    }

    synchronized void requested(ReplayProgress request, Instant at) {
        // A replayed or retried request must not reset a replay that already reported progress.
        if (request.replayId().equals(latest.replayId())) {
            return;
        }
        latest = new Replay(request.replayId(), ReplayState.REQUESTED, null, Map.of(), request.detail(), at, null, null, at);
    }

    synchronized void reported(ReplayProgress report, Instant at) {
        // Reports on an older replay that a newer request superseded change nothing the owner asked about.
        if (!report.replayId().equals(latest.replayId())) {
            return;
        }
        Instant startedAt = latest.startedAt() != null ? latest.startedAt() : at;
        Instant caughtUpAt = report.state() == ReplayState.CAUGHT_UP ? at : null;
        String detail = report.detail() != null ? report.detail() : latest.detail();
        latest = new Replay(report.replayId(), report.state(), report.generation(), report.lag(), detail,
                latest.requestedAt(), startedAt, caughtUpAt, at);
    }

    synchronized Replay latest() {
        return latest;
    }
}
