package io.nightshift.streams.replay;

import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.ReplayProgress;
import io.nightshift.schemas.control.ReplayState;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayLedgerTest {

    private final ReplayLedger ledger = new ReplayLedger();

    @Test
    @DisplayName("a request with no report waits; its first report makes it handled")
    void requestWaitsUntilReported() {
        ledger.read(request("r-1"));
        assertThat(ledger.waiting()).contains("r-1");

        ledger.read(report("r-1", ReplayState.RESETTING));
        assertThat(ledger.waiting()).isEmpty();
    }

    @Test
    @DisplayName("reading the topic again from its start runs nothing that was reported, however it ended")
    void handledRequestsNeverWaitAgain() {
        for (ReplayState end : new ReplayState[] {ReplayState.CAUGHT_UP, ReplayState.FAILED, ReplayState.REPLAYING}) {
            ledger.clear();
            ledger.read(request("r-1"));
            ledger.read(report("r-1", ReplayState.RESETTING));
            ledger.read(report("r-1", end));
            assertThat(ledger.waiting()).as("ended %s", end).isEmpty();
        }
    }

    @Test
    @DisplayName("only the newest request counts: older ones still waiting are answered by it")
    void newestRequestWins() {
        ledger.read(request("r-1"));
        ledger.read(request("r-2"));
        assertThat(ledger.waiting()).contains("r-2");

        ledger.reported(new ReplayProgress("r-2", ReplayState.RESETTING, 0, Map.of(), null));
        assertThat(ledger.waiting()).isEmpty();
    }

    @Test
    @DisplayName("a retried request with the id of a handled one is the same request")
    void retriedRequestIsTheSame() {
        ledger.read(request("r-1"));
        ledger.read(report("r-1", ReplayState.CAUGHT_UP));
        ledger.read(request("r-1"));
        assertThat(ledger.waiting()).isEmpty();
    }

    @Test
    @DisplayName("the newest request's last report tells what a restart interrupted: replaying or resetting, not an end")
    void unfinished() {
        ledger.read(request("r-1"));
        assertThat(ledger.unfinished()).isEmpty();
        ledger.read(report("r-1", ReplayState.RESETTING));
        assertThat(ledger.unfinished()).hasValueSatisfying(last -> assertThat(last.state()).isEqualTo(ReplayState.RESETTING));
        ledger.read(report("r-1", ReplayState.REPLAYING));
        assertThat(ledger.unfinished()).hasValueSatisfying(last -> assertThat(last.state()).isEqualTo(ReplayState.REPLAYING));
        ledger.read(report("r-1", ReplayState.CAUGHT_UP));
        assertThat(ledger.unfinished()).isEmpty();

        ledger.read(request("r-2"));
        assertThat(ledger.unfinished()).as("a newer request supersedes what r-1 was doing").isEmpty();
    }

    @Test
    @DisplayName("other control events are for other readers")
    void otherEventsIgnored() {
        ledger.read(ControlEvent.run(ControlType.RUN_REQUESTED, "owner", new RunProgress("run-1", RunStatus.REQUESTED, null, 0, 0, null),
                Instant.now()));
        assertThat(ledger.waiting()).isEmpty();
        assertThat(ledger.unfinished()).isEmpty();
    }

    private static ControlEvent request(String replayId) {
        return ControlEvent.replay(ControlType.REPLAY_REQUESTED, "owner", ReplayProgress.requested(replayId, null), Instant.now());
    }

    private static ControlEvent report(String replayId, ReplayState state) {
        return ControlEvent.replay(ControlType.REPLAY_PROGRESS, "cloud", new ReplayProgress(replayId, state, 1, Map.of(), null), Instant.now());
    }
}
