package io.nightshift.onlineapi.admin;

import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.ReplayProgress;
import io.nightshift.schemas.control.ReplayState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayBoardTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final ReplayBoard board = new ReplayBoard();

    @Test
    @DisplayName("idle until a replay is asked for")
    void idle() {
        assertThat(board.latest().state()).isEqualTo(ReplayState.IDLE);
        assertThat(board.latest().replayId()).isNull();
    }

    @Test
    @DisplayName("requested, then the processor's reports: started at the first, caught up at the last")
    void followsTheReports() {
        board.on(request("r-1", T0));
        assertThat(board.latest().state()).isEqualTo(ReplayState.REQUESTED);
        board.on(report("r-1", ReplayState.RESETTING, 2, T0.plusSeconds(60)));
        board.on(report("r-1", ReplayState.REPLAYING, 3, T0.plusSeconds(65)));
        board.on(report("r-1", ReplayState.CAUGHT_UP, 3, T0.plusSeconds(90)));

        ReplayBoard.Replay replay = board.latest();
        assertThat(replay.state()).isEqualTo(ReplayState.CAUGHT_UP);
        assertThat(replay.generation()).isEqualTo(3);
        assertThat(replay.requestedAt()).isEqualTo(T0);
        assertThat(replay.startedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(replay.caughtUpAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    @DisplayName("a request read again (the topic replayed at start, or a retried POST) does not reset a replay that reported")
    void repeatedRequestChangesNothing() {
        board.on(request("r-1", T0));
        board.on(report("r-1", ReplayState.CAUGHT_UP, 1, T0.plusSeconds(30)));
        board.requested(ReplayProgress.requested("r-1", null), T0.plusSeconds(40));
        assertThat(board.latest().state()).isEqualTo(ReplayState.CAUGHT_UP);
    }

    @Test
    @DisplayName("a newer request replaces the replay shown; late reports on the older one are ignored")
    void newerRequestWins() {
        board.on(request("r-1", T0));
        board.on(report("r-1", ReplayState.REPLAYING, 1, T0.plusSeconds(5)));
        board.on(request("r-2", T0.plusSeconds(10)));
        board.on(report("r-1", ReplayState.REPLAYING, 1, T0.plusSeconds(11)));

        assertThat(board.latest().replayId()).isEqualTo("r-2");
        assertThat(board.latest().state()).isEqualTo(ReplayState.REQUESTED);
    }

    @Test
    @DisplayName("a failed replay says what failed")
    void failure() {
        board.on(request("r-1", T0));
        board.on(ControlEvent.replay(ControlType.REPLAY_PROGRESS, "cloud",
                new ReplayProgress("r-1", ReplayState.FAILED, 0, Map.of(), "Redis away"), T0.plusSeconds(3)));
        assertThat(board.latest().state()).isEqualTo(ReplayState.FAILED);
        assertThat(board.latest().detail()).isEqualTo("Redis away");
    }

    private static ControlEvent request(String replayId, Instant at) {
        return ControlEvent.replay(ControlType.REPLAY_REQUESTED, "owner", ReplayProgress.requested(replayId, "note"), at);
    }

    private static ControlEvent report(String replayId, ReplayState state, int generation, Instant at) {
        return ControlEvent.replay(ControlType.REPLAY_PROGRESS, "cloud", new ReplayProgress(replayId, state, generation, Map.of(), null), at);
    }
}
