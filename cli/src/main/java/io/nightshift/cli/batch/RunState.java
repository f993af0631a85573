package io.nightshift.cli.batch;

import io.nightshift.schemas.control.RunStatus;
import tools.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One run as {@code GET /api/v1/admin/runs} shows it: the latest run_progress the laptop reported
 * (or the owner's request, while the laptop has not picked it up).
 *
 * @param status where the run is
 * @param step   the step it is in, or empty
 * @param total  items in that step, 0 when unknown
 * @param detail why it waits, why the gate refused, what failed; empty when none
 */
public record RunState(String runId, RunStatus status, String step, long done, long total, String detail) {

    public boolean finished() {
        return status.isFinal();
    }

    public boolean waitingForTheLaptop() {
        return status == RunStatus.REQUESTED;
    }

    /**
     * The run in a runs answer; empty when the answer is not a list or does not hold it (yet), or
     * holds it with a status this version does not know (then the run is followed as not reported).
     */
    public static Optional<RunState> find(JsonNode runs, String runId) {
        if (runs == null || !runs.isArray()) {
            return Optional.empty();
        }
        for (JsonNode run : runs) {
            if (runId.equals(run.path("runId").asString(""))) {
                return RunStatus.find(run.path("status").asString("")).map(status -> new RunState(runId, status,
                        run.path("step").asString(""), run.path("done").asLong(0), run.path("total").asLong(0),
                        run.path("detail").asString("")));
            }
        }
        return Optional.empty();
    }
}
