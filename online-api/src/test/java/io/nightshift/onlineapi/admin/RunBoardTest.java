package io.nightshift.onlineapi.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.control.VersionInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunBoardTest {

    private static final Instant T0 = Instant.parse("2026-12-04T02:30:00Z");

    private final RunBoard board = new RunBoard(
            new AdminProperties("t", Duration.ofSeconds(15), Duration.ofSeconds(60), 100, null, false), new SimpleMeterRegistry());

    @Test
    @DisplayName("a published version goes to the run it names, even while an older run was left running")
    void theNamedRunGetsTheVersion() {
        running("run-stale", T0);
        running("run-tonight", T0.plusSeconds(3600));

        board.on(published(new VersionInfo("v-tonight", 10L, lineage(0.31), "run-tonight")));

        assertThat(run("run-tonight").modelVersion()).isEqualTo("v-tonight");
        assertThat(run("run-tonight").metrics()).containsEntry("ndcg10", 0.31);
        assertThat(run("run-stale").modelVersion()).isNull();
    }

    @Test
    @DisplayName("a version from a laptop that names no run still goes to the run in progress")
    void anUnnamedVersionGoesToTheRunInProgress() {
        running("run-old-laptop", T0);

        board.on(published(new VersionInfo("v-old-laptop", 10L, lineage(0.2))));

        assertThat(run("run-old-laptop").modelVersion()).isEqualTo("v-old-laptop");
    }

    @Test
    @DisplayName("a version naming a run this instance never saw (older than the runs kept) names no run")
    void anUnknownRunGetsNothing() {
        running("run-a", T0);

        board.on(published(new VersionInfo("v-x", 10L, lineage(0.2), "run-forgotten")));

        assertThat(run("run-a").modelVersion()).isNull();
    }

    private void running(String runId, Instant at) {
        board.on(ControlEvent.run(ControlType.RUN_PROGRESS, "laptop", new RunProgress(runId, RunStatus.RUNNING, "train", 1, 4, null), at));
    }

    private static ControlEvent published(VersionInfo version) {
        return ControlEvent.version(ControlType.VERSION_PUBLISHED, "laptop", version, T0.plusSeconds(7200));
    }

    private static Lineage lineage(double ndcg) {
        return new Lineage("ease", Map.of(), Map.of("ndcg10", ndcg), "shop.events.v1:0-100", "abc");
    }

    private RunBoard.Run run(String runId) {
        return board.runs().stream().filter(r -> r.runId().equals(runId)).findFirst().orElseThrow();
    }
}
